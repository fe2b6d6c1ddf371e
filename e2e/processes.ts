// Child processes of the built CLI (`node dist/main/cli.cjs …`) for the end-to-end fixture: start one,
// wait for the lines it prints when ready, stop it. Output is kept for the failure report.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const CLI = path.join(REPO_ROOT, 'dist', 'main', 'cli.cjs');

export interface RunningProcess {
  name: string;
  child: ChildProcess;
  /** stdout and stderr lines, prefixed, in arrival order. */
  output: string[];
  /** Kills the process (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
  stop(opts?: { signal?: NodeJS.Signals; graceMs?: number }): Promise<void>;
}

function spawnCli(name: string, args: string[]): RunningProcess {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  readline.createInterface({ input: child.stderr! }).on('line', (l) => output.push(`[${name} err] ${l}`));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    output,
    stop: async ({ signal = 'SIGTERM', graceMs = 5000 } = {}) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Starts a long-running command and resolves once every pattern has matched a stdout line. `stdin` is written to its
 * standard input, which is then closed (`serve --sk-stdin`).
 */
export async function startCli(
  name: string,
  args: string[],
  patterns: Record<string, RegExp>,
  { timeoutMs = 30_000, stdin }: { timeoutMs?: number; stdin?: string } = {},
): Promise<{ proc: RunningProcess; found: Record<string, string> }> {
  const proc = spawnCli(name, args);
  if (stdin !== undefined) proc.child.stdin!.end(stdin);
  const found: Record<string, string> = {};
  const wanted = Object.keys(patterns);
  await new Promise<void>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void proc.stop({ signal: 'SIGKILL' });
      reject(new Error(`${name} ${why}\n${proc.output.join('\n')}`));
    };
    const timer = setTimeout(
      () => fail(`did not print ${wanted.filter((k) => !(k in found)).join(', ')} within ${timeoutMs} ms`),
      timeoutMs,
    );
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited early (code ${code}, signal ${signal})`);
    proc.child.once('exit', onExit);
    readline.createInterface({ input: proc.child.stdout! }).on('line', (line) => {
      proc.output.push(`[${name}] ${line}`);
      for (const key of wanted) {
        const m = patterns[key].exec(line);
        if (m && !(key in found)) found[key] = m[1];
      }
      if (wanted.every((k) => k in found)) {
        clearTimeout(timer);
        proc.child.off('exit', onExit);
        resolve();
      }
    });
  });
  return { proc, found };
}

/** Runs a short command to completion (optionally feeding stdin); throws with its output unless it exits 0. */
export async function runCli(name: string, args: string[], stdin?: string, timeoutMs = 30_000): Promise<string[]> {
  const proc = spawnCli(name, args);
  readline.createInterface({ input: proc.child.stdout! }).on('line', (l) => proc.output.push(`[${name}] ${l}`));
  proc.child.stdin!.end(stdin ?? '');
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      void proc.stop({ signal: 'SIGKILL' });
      reject(new Error(`${name} did not finish within ${timeoutMs} ms\n${proc.output.join('\n')}`));
    }, timeoutMs);
    proc.child.once('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  if (code !== 0) throw new Error(`${name} exited with ${code}\n${proc.output.join('\n')}`);
  return proc.output;
}
