// `seller-desk sim` / `npm run sim`: the simulator in the foreground, printing what a client needs to connect.
import { parseArgs } from 'node:util';
import { startSimulator, type SimOptions } from './index';

/** Bad command-line usage (the caller exits 2). */
export class SimUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimUsageError';
  }
}

export const SIM_USAGE = 'sim [--port N] [--seed S] [--orders N] [--db FILE] [--now ISO|MS] [--token T] [--quiet]';
/** `npm run sim` listens where the page's examples point (127.0.0.1:8787) unless told otherwise. */
export const DEFAULT_CLI_PORT = 8787;

/** The simulator's flags (SIM_USAGE); `seller-desk sim` accepts the same ones plus its own. */
export const SIM_OPTIONS = {
  port: { type: 'string' },
  seed: { type: 'string' },
  orders: { type: 'string' },
  db: { type: 'string' },
  now: { type: 'string' },
  token: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

function int(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new SimUsageError(`--${name} must be an integer from ${min} to ${max}`);
  return Number(value);
}

export function parseSimArgs(argv: string[]): SimOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: SIM_OPTIONS,
    }));
  } catch (err) {
    throw new SimUsageError(`${err instanceof Error ? err.message : String(err)}\nusage: ${SIM_USAGE}`);
  }
  let now: number | undefined;
  if (values.now !== undefined) {
    now = /^\d+$/.test(values.now) ? Number(values.now) : Date.parse(values.now);
    if (!Number.isFinite(now)) throw new SimUsageError('--now must be UTC ms or an ISO instant');
  }
  return {
    port: int('port', values.port, 0, 65535) ?? DEFAULT_CLI_PORT,
    seed: int('seed', values.seed, 0, 2 ** 31 - 1),
    orders: int('orders', values.orders, 0, 10_000_000),
    dbPath: values.db,
    now,
    token: values.token,
    quiet: values.quiet,
  };
}

/** Starts the simulator, prints the URL, AK, SK and control token (one line each), and runs until SIGINT/SIGTERM. */
export async function runSimulatorCli(argv: string[]): Promise<void> {
  const sim = await startSimulator(parseSimArgs(argv));
  process.stdout.write(
    `Simulator listening on ${sim.url}\nAK ${sim.credentials.ak}\nSK ${sim.credentials.sk}\nSim token ${sim.token}\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void sim.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
