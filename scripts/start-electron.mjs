// `npm start`: runs the desktop app. The electron package's binary is fetched on first start by electron's own
// install script (package.json "allowScripts" keeps `npm install` from doing it). Where it cannot be fetched
// (no internet, a server without a desktop) we say so and point to the browser host.
// Before starting, it checks that Electron can load a SQLite binary (main/db/native-binding.ts) and, where it
// cannot, builds one for Electron into .electron-native/ (scripts/rebuild-electron.mjs), leaving Node's alone.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { rebuildForElectron } from './rebuild-electron.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const fallback = 'Use the browser host instead: `npm run serve` (demo marketplace) or `npx seller-desk serve`.';

function fail(message) {
  process.stderr.write(`${message}\n${fallback}\n`);
  process.exit(1);
}

function binaryPath() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

if (!existsSync(join(electronDir, 'install.js')))
  fail('The electron package is not installed: run `npm install` first.');
if (!existsSync(join(root, 'dist', 'main', 'app.cjs')) || !existsSync(join(root, 'dist', 'preload', 'preload.cjs'))) {
  fail('The app is not built: run `npm run build` (npm start does it for you).');
}

let bin = binaryPath();
if (!bin) {
  process.stdout.write('Fetching the Electron binary for this machine (first start only)…\n');
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD; // install.js does nothing while this is set
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    env,
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  bin = binaryPath();
  if (!bin) {
    const reason =
      `${result.stderr ?? ''}${result.error ? result.error.message : ''}`.split('\n').find((l) => l.trim()) ??
      `exit ${result.status}`;
    fail(`Could not fetch the Electron binary (${reason.trim()}).`);
  }
}

/** Electron's own process.versions (its ABI and Node-API level), asked of the binary itself. */
function electronVersions() {
  const result = spawnSync(bin, ['-p', 'JSON.stringify(process.versions)'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  try {
    return JSON.parse(result.stdout.trim().split('\n').pop() ?? '');
  } catch {
    fail(
      `Could not ask Electron for its versions (${(result.stderr || result.error?.message || `exit ${result.status}`).trim()}).`,
    );
  }
}

async function ensureSqliteForElectron() {
  const native = createRequire(import.meta.url)(join(root, 'dist', 'main', 'native-binding.cjs'));
  const runtime = native.currentRuntime(electronVersions());
  const candidates = native.bindingCandidates({
    packageDir: join(root, 'node_modules', 'better-sqlite3'),
    electronBuildDir: join(root, '.electron-native', 'node_modules', 'better-sqlite3'),
  });
  try {
    return native.chooseBinding(candidates, runtime);
  } catch (err) {
    if (!(err instanceof native.NativeModuleMismatchError)) throw err;
    process.stdout.write(
      `${err.message}\nBuilding the SQLite module for ${native.describeRuntime(runtime)} (first start only)…\n`,
    );
  }
  try {
    await rebuildForElectron();
    return native.chooseBinding(candidates, runtime);
  } catch (err) {
    fail(`Electron cannot load the SQLite module: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const binding = await ensureSqliteForElectron();
process.stdout.write(`SQLite module for Electron: ${binding}\n`);

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node
const child = spawn(bin, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
child.on('error', (err) => fail(`Could not start Electron: ${err.message}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
