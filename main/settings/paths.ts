// Where Seller Desk keeps its data, computed without Electron so the CLI, the browser host and the
// desktop app agree. A real account and the demo never share a folder.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'Seller Desk';
export const APP_DIR_NAME_LINUX = 'seller-desk';

export interface PlatformInfo {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

/**
 * The OS app-data folder: %APPDATA%/Seller Desk, ~/Library/Application Support/Seller Desk,
 * $XDG_CONFIG_HOME|~/.config/seller-desk.
 */
export function defaultDataDir(
  info: PlatformInfo = { platform: process.platform, env: process.env, home: homedir() },
): string {
  const { platform, env, home } = info;
  if (env.SELLER_DESK_DATA_DIR) return env.SELLER_DESK_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_DIR_NAME_LINUX);
}

export type Profile = 'account' | 'demo';

export const profileOf = (demo: boolean | undefined): Profile => (demo ? 'demo' : 'account');

export interface ProfilePaths {
  /** `<dataDir>/account` or `<dataDir>/demo`. */
  dir: string;
  /** The local cache. */
  db: string;
  /** The 0600 credential file (browser host / CLI). */
  credentials: string;
  /** The safeStorage-encrypted credential file (Electron). */
  credentialsEncrypted: string;
  /** The demo marketplace's own database (demo profile only). */
  simulatorDb: string;
}

export function profilePaths(dataDir: string, demo: boolean | undefined): ProfilePaths {
  const dir = join(dataDir, profileOf(demo));
  return {
    dir,
    db: join(dir, 'seller-desk.db'),
    credentials: join(dir, 'credentials.json'),
    credentialsEncrypted: join(dir, 'credentials.enc'),
    simulatorDb: join(dir, 'marketplace-sim.db'),
  };
}

/**
 * `<dataDir>/logs`: the rotating log files of the app, the browser host and the CLI (log-file.ts), shared by both
 * profiles.
 */
export const logsDir = (dataDir: string): string => join(dataDir, 'logs');
