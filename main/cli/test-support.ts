// Test support for the CLI tests (cli.test.ts, outbox-cli.test.ts, proof-cli.test.ts): bundle main/cli.ts as the
// shipped command is bundled, and run it as a child process, collecting its output and exit code (issue 2 item 12).
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { bundleChild } from '../testing/bundle-child';

const ROOT = resolve(__dirname, '..', '..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  stdin?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface BundledCli {
  /** The bundle's path, for tests that spawn it themselves (e.g. the long-running `serve`). */
  cli: string;
  /** Bundles main/cli.ts (call it in beforeAll). */
  build(): Promise<void>;
  /** Runs the command to its end; stdin is closed after `opts.stdin` (default: nothing). */
  run(args: string[], opts?: CliRunOptions): Promise<CliRun>;
}

/**
 * `name` picks the bundle folder: inside the repo so the bundle resolves better-sqlite3 from node_modules, outside
 * dist/ so `npm run build` is untouched, and one per test file because the files may build at the same time.
 */
export function bundledCli(name: string): BundledCli {
  const outDir = join(ROOT, 'node_modules', '.cache', `seller-desk-${name}-test`);
  const cli = join(outDir, 'cli.cjs');
  return {
    cli,
    async build() {
      await bundleChild(join(ROOT, 'main', 'cli.ts'), cli);
    },
    run(args, opts = {}) {
      return new Promise((resolvePromise, reject) => {
        const child = spawn(process.execPath, [cli, ...args], {
          cwd: opts.cwd,
          env: { ...process.env, SELLER_DESK_LOG: '', ...opts.env },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
        child.stdin.end(opts.stdin ?? '');
      });
    },
  };
}

/** The non-empty lines of an output. */
export const lines = (text: string): string[] => text.split('\n').filter((l) => l.length > 0);
