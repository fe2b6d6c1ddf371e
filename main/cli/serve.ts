// `seller-desk serve`: the browser host. `--demo` runs the demo marketplace in-process and
// uses the demo profile's folder, never the real account's. `--endpoint`, `--ak` and `--sk-stdin` connect the
// account first, exactly as `account set` does (one command for a server whose SK comes from a secret on stdin).
import { spawn } from 'node:child_process';
import { startHost, type RunningHost } from '../host/server';
import { startProfileRuntime, type ProfileRuntime } from '../profile-runtime';
import { startDemoMarketplace, type DemoMarketplace } from '../demo';
import { createLogger, levelFromEnv } from '../log';
import { openLogFile } from '../log-file';
import { logsDir, profilePaths } from '../settings/paths';
import { acquireFolderLock, FolderInUseError, type FolderLock } from '../settings/folder-lock';
import { ACCOUNT_OPTIONS, accountPatch, accountSavedText, refuseSkArgument } from './account';
import { COMMON_OPTIONS, dataDirOf, intOption, parse } from './args';
import { call } from './context';
import { CliFailure, UsageError } from './errors';
import type { CliIo } from './io';
import { COMMAND_USAGE } from './usage';

const OPTIONS = {
  ...COMMON_OPTIONS,
  port: { type: 'string' },
  demo: { type: 'boolean' },
  open: { type: 'boolean' },
  ...ACCOUNT_OPTIONS,
} as const;

/** Opens the URL in the default browser; failure only costs a warning (the URL is printed anyway). */
function openBrowser(url: string, onError: (err: unknown) => void): void {
  const [cmd, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', onError);
    child.unref();
  } catch (err) {
    onError(err);
  }
}

export async function runServe(argv: string[], io: CliIo): Promise<number> {
  const usage = COMMAND_USAGE.serve;
  refuseSkArgument(argv, usage);
  const { values } = parse(argv, OPTIONS, usage);
  const port = intOption('port', values.port, 0, 65535, usage) ?? 0;
  const dataDir = dataDirOf(values, io.env);
  const demo = values.demo === true;
  if (demo && (values.endpoint !== undefined || values.ak !== undefined || values['sk-stdin']))
    throw new UsageError(
      '--demo uses the built-in demo marketplace: --endpoint, --ak and --sk-stdin set a real account',
      usage,
    );
  // Read and checked before anything starts: bad input is bad usage (exit 2) with nothing touched.
  const patch = await accountPatch(values, io, usage);
  // The browser host owns the data folder while it runs: every line also goes to logs/host.log (docs/diagnostics.md).
  const log = createLogger({
    level: levelFromEnv(io.env, 'info'),
    sink: io.err,
    file: openLogFile({ dir: logsDir(dataDir), name: 'host.log' }),
  });

  let marketplace: DemoMarketplace | null = null;
  let runtime: ProfileRuntime | null = null;
  let host: RunningHost | null = null;
  let lock: FolderLock | null = null;
  const shutdown = async (): Promise<void> => {
    await host?.close();
    await runtime?.close(); // releases the folder lock
    await marketplace?.close();
    if (!runtime) lock?.release();
  };
  try {
    // docs/architecture.md "Data": the folder is taken before anything in it is touched, the demo marketplace included.
    lock = acquireFolderLock(profilePaths(dataDir, demo).dir, { kind: 'browser-host' });
    if (demo) {
      marketplace = await startDemoMarketplace({ dataDir });
      log.info(`demo marketplace running at ${marketplace.url}`);
    }
    // docs/architecture.md "Data": a database that needs recovery still serves the UI, which shows the recovery screen.
    runtime = await startProfileRuntime({
      dataDir,
      demo,
      log,
      transport: 'browser-host',
      folderLock: lock,
      startScheduler: true,
    });
    if (Object.keys(patch).length > 0) {
      const services = runtime.services();
      if (!services)
        throw new CliFailure(
          "the account cannot be saved: the database needs 'seller-desk db restore' or 'db recover'",
        );
      // settings:set as the Settings page saves it: the SK goes to the 0600 file, never SQLite or a log line
      // (docs/architecture.md "Security"); a changed connection starts a sync at once.
      io.out(accountSavedText({ dataDir, demo }, await call(services, 'settings:set', patch)));
    }
    host = await startHost({ services: runtime, port, host: '127.0.0.1', log });
  } catch (err) {
    await shutdown().catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    if (err instanceof FolderInUseError) throw new CliFailure(reason);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new CliFailure(`port ${port} is already in use on 127.0.0.1; pick another with --port`);
    throw new CliFailure(`cannot start: ${reason}`);
  }
  io.out(`Seller Desk is running at ${host.url}`);
  const db = runtime.status();
  if (db.state !== 'ok')
    io.err(
      `seller-desk: ${db.problem?.message ?? 'the database needs recovery'}; open the address above to restore a backup or recover (or stop and run 'seller-desk db restore' / 'seller-desk db recover')`,
    );
  if (values.open) openBrowser(host.url, (err) => log.warn('could not open a browser', err));

  const signal = await io.stopSignal();
  log.info(`${signal}: stopping`);
  await shutdown();
  return 0;
}
