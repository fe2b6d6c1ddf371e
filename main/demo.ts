// Demo mode: the simulator runs in-process with the deterministic demo seed, in the demo
// profile's own folder, and the demo profile is connected to it. A real account's data is never touched.
import { mkdirSync } from 'node:fs';
import { startSimulator } from '../marketplace-sim/index';
import { FileCredentialStore, type CredentialStore } from './settings/credential-store';
import { profilePaths } from './settings/paths';
import { normalizeEndpoint } from './settings/app-settings';
import { getSetting, setSetting } from './sync/sync-state';
import { openDatabase } from './db/connection';
import { SETTING_KEYS } from './settings/app-settings';

export const DEMO_SEED = 1;
export const DEMO_ORDERS = 300;

export interface DemoMarketplace {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the demo marketplace and points the demo profile at it: its credentials go to the demo
 * credential store, its URL (a new port each run) to the demo database's endpoint setting.
 * Call before createServices({ demo: true }) so the services start connected.
 */
export async function startDemoMarketplace(opts: {
  dataDir: string;
  port?: number;
  credentialStore?: CredentialStore;
}): Promise<DemoMarketplace> {
  const paths = profilePaths(opts.dataDir, true);
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const sim = await startSimulator({
    port: opts.port ?? 0,
    dbPath: paths.simulatorDb,
    seed: DEMO_SEED,
    orders: DEMO_ORDERS,
  });
  try {
    (opts.credentialStore ?? new FileCredentialStore(paths.credentials)).save(sim.credentials);
    const db = openDatabase(paths.db);
    try {
      const url = normalizeEndpoint(sim.url);
      if (getSetting<string>(db, SETTING_KEYS.endpoint) !== url) setSetting(db, SETTING_KEYS.endpoint, url);
    } finally {
      db.close();
    }
  } catch (err) {
    await sim.close();
    throw err;
  }
  return { url: sim.url, close: async () => sim.close() };
}
