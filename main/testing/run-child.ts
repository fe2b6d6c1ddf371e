// Test support for the crash tests: run a bundled child script with Node, read what it prints line by line, and let
// the test SIGKILL it at the moment it chooses (after a line such as `ready`, or while the child is still starting).
import { spawn } from 'node:child_process';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

export interface ChildWatch {
  /** Called once, right after the spawn, before the child has printed anything. */
  onStart?: (kill: () => void) => void;
  /** Each whole line the child prints on stdout, without its newline. */
  onLine: (line: string, kill: () => void) => void;
}

/** Spawns `script` with `env` over this process's environment; resolves when it has exited and its output is read. */
export function runChildLines(script: string, env: NodeJS.ProcessEnv, watch: ChildWatch): Promise<ChildExit> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exit: ChildExit = { code: null, signal: null, stderr: '' };
    const kill = () => child.kill('SIGKILL');
    watch.onStart?.(kill);
    let buf = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        watch.onLine(line, kill);
      }
    });
    child.stderr.on('data', (c: Buffer) => (exit.stderr += c.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code, signal) => {
      exit.code = code;
      exit.signal = signal;
      done(exit);
    });
  });
}
