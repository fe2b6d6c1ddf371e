// Test support: bundle a TypeScript entry into one CommonJS file that a test spawns as a child process
// (the CLI tests, the crash tests), with the same Node settings scripts/build.mjs uses for the shipped app.
import { build } from 'esbuild';

export async function bundleChild(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['electron', 'better-sqlite3', 'electron-updater', 'fsevents'],
    loader: { '.sql': 'text' },
    logLevel: 'error',
  });
}
