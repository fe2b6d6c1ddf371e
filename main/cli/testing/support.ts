// Test support for the CLI tests (cli.test.ts, outbox-cli.test.ts, proof-cli.test.ts): run a command in-process
// through runCli, the function the shipped command's main() calls, with its output and exit code collected as a child
// process would print them (`run`, `start`) or line by line (`runLines`). One process-level smoke test of the built
// command stays in e2e/cli.spec.ts.
import { runCli } from '../../cli';
import type { CliIo } from '../io';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** Standard input (default: nothing). */
  stdin?: string;
  /** Where relative FILE arguments resolve (default: the test process's cwd). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface RunningCli {
  /** Resolves to what the command printed on stdout so far, once `until` matches it. */
  stdoutMatching(until: RegExp): Promise<RegExpExecArray>;
  /** Delivers a stop signal (what SIGINT/SIGTERM are to the real command) and resolves to the exit code. */
  stop(signal?: string): Promise<CliRun>;
}

function captureIo(
  opts: CliRunOptions,
  stopSignal: Promise<string>,
  onOut: () => void = () => undefined,
): { io: CliIo; result: () => Omit<CliRun, 'code'> } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    // processIo writes each line with its newline: keep the exact bytes a child would print.
    out: (text) => {
      stdout += `${text}\n`;
      onOut();
    },
    err: (text) => (stderr += `${text}\n`),
    readStdin: () => Promise.resolve(opts.stdin ?? ''),
    // The spawned command ran with SELLER_DESK_LOG unset to ''; the same here, so stderr holds only what fails.
    env: { ...process.env, SELLER_DESK_LOG: '', ...opts.env },
    cwd: opts.cwd ?? process.cwd(),
    stopSignal: () => stopSignal,
  };
  return { io, result: () => ({ stdout, stderr }) };
}

/** Runs the command to its end. */
export async function run(args: string[], opts: CliRunOptions = {}): Promise<CliRun> {
  const { io, result } = captureIo(opts, new Promise(() => undefined));
  const code = await runCli(args, io);
  return { code, ...result() };
}

export interface CliLines {
  code: number;
  /** Each text the command printed on stdout / stderr, one entry a line. */
  out: string[];
  err: string[];
}

export interface CliLinesOptions {
  /** The command's whole environment: nothing of the test process's leaks in (default: empty). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Standard input; without it, reading stdin fails. */
  stdin?: string;
}

/** Runs the command to its end with exactly the environment given, collecting what it prints line by line. */
export async function runLines(args: string[], opts: CliLinesOptions = {}): Promise<CliLines> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    readStdin: () =>
      opts.stdin === undefined ? Promise.reject(new Error('no stdin in this test')) : Promise.resolve(opts.stdin),
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    stopSignal: () => new Promise(() => undefined),
  };
  const code = await runCli(args, io);
  return { code, out, err };
}

/** Starts a long-running command (`serve`): it runs until stop() sends it a signal. */
export function start(args: string[], opts: CliRunOptions = {}): RunningCli {
  let signal: (name: string) => void = () => undefined;
  const stopSignal = new Promise<string>((resolve) => (signal = resolve));
  const waiters: Array<() => void> = [];
  const { io, result } = captureIo(opts, stopSignal, () => waiters.forEach((w) => w()));
  let done = false;
  const exited = runCli(args, io);
  const ended = (): void => {
    done = true;
    waiters.forEach((w) => w());
  };
  exited.then(ended, ended);
  return {
    stdoutMatching: (until) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const m = until.exec(result().stdout);
          if (m) resolve(m);
          else if (done) reject(new Error(`exited early: ${result().stderr}`));
        };
        waiters.push(check);
        check();
      }),
    stop: async (name = 'SIGTERM') => {
      signal(name);
      return { code: await exited, ...result() };
    },
  };
}

/** The non-empty lines of an output. */
export const lines = (text: string): string[] => text.split('\n').filter((l) => l.length > 0);
