// Builds everything the app runs from: main (CLI, Electron main), preload (CommonJS, for sandbox: true),
// the renderer (Vite) and the benchmarks. Node targets bundle our code and keep native/electron deps external.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rmSync } from 'node:fs';
import process from 'node:process';

const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);

const node = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  // exceljs runs from node_modules: its zip writer (archiver 5) calls the deprecated Buffer(), which Node reports on
  // stderr only for code outside node_modules — bundled, every XLSX export would print a DeprecationWarning.
  external: ['electron', 'better-sqlite3', 'electron-updater', 'fsevents', 'exceljs'],
  loader: { '.sql': 'text' },
  logLevel: 'warning',
  define: { 'process.env.SELLER_DESK_BUNDLED': '"1"' },
};

const jobs = [];
if (want('main')) {
  jobs.push(
    build({ ...node, entryPoints: { cli: 'main/cli.ts' }, outdir: 'dist/main', outExtension: { '.js': '.cjs' } }),
    build({ ...node, entryPoints: { app: 'main/app/main.ts' }, outdir: 'dist/main', outExtension: { '.js': '.cjs' } }),
    // Minified: the preload carries the contract (its zod schemas included) and runs at every window's start.
    build({
      ...node,
      minify: true,
      entryPoints: { preload: 'preload/index.ts' },
      outdir: 'dist/preload',
      outExtension: { '.js': '.cjs' },
    }),
    // The sync's page reader, a worker thread started from its own file (main/sync/page-reader.ts).
    build({
      ...node,
      entryPoints: { 'page-reader-worker': 'main/sync/page-reader-worker.ts' },
      outdir: 'dist/main',
      outExtension: { '.js': '.cjs' },
    }),
    // The SQLite binary check `npm start` and `npm run rebuild:electron` run before starting Electron.
    build({
      ...node,
      entryPoints: { 'native-binding': 'main/db/native-binding.ts' },
      outdir: 'dist/main',
      outExtension: { '.js': '.cjs' },
    }),
  );
}
if (want('bench')) {
  // playwright-core (the UI part) runs from node_modules: it finds its own files relative to itself.
  jobs.push(
    build({
      ...node,
      external: [...node.external, 'playwright-core'],
      // The bench's syncs read pages as the app does, with the worker beside the bench's bundle.
      entryPoints: { run: 'bench/run.ts', 'page-reader-worker': 'main/sync/page-reader-worker.ts' },
      outdir: 'dist/bench',
      outExtension: { '.js': '.cjs' },
    }),
  );
}
if (want('renderer')) {
  rmSync('dist/renderer', { recursive: true, force: true });
  jobs.push(viteBuild({ configFile: 'renderer/vite.config.ts', logLevel: 'warn' }));
}
await Promise.all(jobs);
