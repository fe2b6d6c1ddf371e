// `npm run rebuild:electron`: builds better-sqlite3 from source against Electron's headers (@electron/rebuild)
// into .electron-native/, beside the Node build in node_modules/, which it never touches. Electron then loads
// that copy first (main/db/native-binding.ts). Needs python3, make and a C++ compiler, and reaches Electron's
// header server. `npm start` runs it by itself when Electron cannot load any binary that is already there.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const electronNativeDir = join(root, '.electron-native');

export async function rebuildForElectron({ log = (line) => process.stdout.write(`${line}\n`) } = {}) {
  const electronVersion = JSON.parse(
    readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ).version;
  const source = join(root, 'node_modules', 'better-sqlite3');
  const sqliteVersion = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version;
  const target = join(electronNativeDir, 'node_modules', 'better-sqlite3');
  log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} into ${electronNativeDir} …`);
  rmSync(electronNativeDir, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  // A copy without any build output: the Node build in node_modules stays as it is.
  cpSync(source, target, { recursive: true, filter: (src) => !src.startsWith(join(source, 'build')) });
  writeFileSync(
    join(electronNativeDir, 'package.json'),
    `${JSON.stringify({ name: 'seller-desk-electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }, null, 2)}\n`,
  );
  // better-sqlite3's binding.gyp compiles nothing when a prebuild exists for the host unless force_build is set;
  // node-gyp takes npm_config_* variables as gyp variables.
  process.env.npm_config_force_build = '1';
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({
    buildPath: electronNativeDir,
    electronVersion,
    force: true,
    buildFromSource: true,
    onlyModules: ['better-sqlite3'],
    mode: 'sequential',
  });
  const built = join(target, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) throw new Error(`@electron/rebuild finished but ${built} is missing`);
  log(`Built ${built}`);
  return built;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  rebuildForElectron().catch((err) => {
    process.stderr.write(
      `Could not build better-sqlite3 for Electron: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  });
}
