// Running a channel from the CLI: the same contract schema validates the flags (a bad value is bad usage,
// exit 2), the same handler table answers (a failure is exit 1 with its one-line reason).
import { contract, type Channel, type ChannelInput, type ChannelResult } from '../../common/api/contract';
import { dispatchChannel } from '../api/dispatch';
import { createServices, openReader, type Reader, type Services, type ServicesOptions } from '../services';
import { DatabaseNotReadyError } from '../db/connection';
import { FolderInUseError } from '../settings/folder-lock';
import { createLogger, levelFromEnv, type Logger } from '../log';
import { openLogFile } from '../log-file';
import { logsDir } from '../settings/paths';
import { CliFailure, oneLine, UsageError } from './errors';
import type { CliIo } from './io';
import type { ExportDialogs } from '../proofs/handlers';
import { afterCommand, checkProfileBeforeOpen, openFailure, storedJsonFailure, type GateResult } from './db-gate';

export interface ProfileArgs {
  dataDir: string;
  demo: boolean;
  /** Where an export channel writes: the CLI answers the window's save dialog with its --out flag. */
  dialogs?: ExportDialogs;
}

/**
 * docs/architecture.md "Data": one process owns a data folder. These commands only read: they open the database
 * read-only (a Reader) and run beside the app, the browser host or a writing command; every other command takes the
 * folder. Each of them runs through `withReader`; main/settings/folder-lock.test.ts runs them beside an owner.
 */
export const READ_ONLY_COMMANDS: ReadonlySet<string> = new Set([
  'orders list',
  'orders show',
  'outbox list',
  'bills list',
  'bills show',
  'bills why',
  'diagnostics',
]);

function ownerOptions(io: CliIo, profile: ProfileArgs, log: Logger): ServicesOptions {
  return {
    dataDir: profile.dataDir,
    demo: profile.demo,
    log,
    syncOnReconnect: false,
    dialogs: profile.dialogs,
    owner: { kind: 'cli', command: io.command },
  };
}

/** A command that changes the profile: it owns the folder while it runs. */
export function withServices<T>(io: CliIo, profile: ProfileArgs, fn: (services: Services) => Promise<T>): Promise<T> {
  return withProfile(
    io,
    profile,
    (log) => {
      const services = createServices(ownerOptions(io, profile, log));
      return { opened: services, owner: services };
    },
    fn,
  );
}

/** A command that only reads (READ_ONLY_COMMANDS): a Reader beside whoever owns the folder. */
export function withReader<T>(io: CliIo, profile: ProfileArgs, fn: (reader: Reader) => Promise<T>): Promise<T> {
  return withProfile(
    io,
    profile,
    (log) => {
      try {
        return { opened: openReader({ dataDir: profile.dataDir, demo: profile.demo, log }), owner: null };
      } catch (err) {
        // No database yet, or one to migrate first: only an owner may create or migrate it, so become one.
        if (!(err instanceof DatabaseNotReadyError)) throw err;
        const services = createServices(ownerOptions(io, profile, log));
        return { opened: services, owner: services };
      }
    },
    fn,
  );
}

async function withProfile<R extends Reader, T>(
  io: CliIo,
  profile: ProfileArgs,
  open: (log: Logger) => { opened: R; owner: Services | null },
  fn: (opened: R) => Promise<T>,
): Promise<T> {
  // One-shot commands: stderr gets log lines only when asked (SELLER_DESK_LOG), so it stays one line on failure;
  // the data folder's logs/cli.log gets them all (docs/diagnostics.md), created only once a line is written.
  const log = createLogger({
    level: levelFromEnv(io.env, 'silent'),
    sink: io.err,
    file: openLogFile({ dir: logsDir(profile.dataDir), name: 'cli.log' }),
  });
  let opened: { opened: R; owner: Services | null };
  let gate: GateResult;
  try {
    // docs/architecture.md "Data": the start-up check and the backup before a migration (db-gate.ts).
    gate = await checkProfileBeforeOpen(profile, log);
    opened = open(log);
  } catch (err) {
    const failure =
      err instanceof CliFailure
        ? err
        : (openFailure(profile, err) ??
          new CliFailure(
            err instanceof FolderInUseError
              ? err.message
              : `cannot open the data folder ${profile.dataDir}: ${err instanceof Error ? err.message : String(err)}`,
          ));
    // At info, not error: stderr already carries this one line unless SELLER_DESK_LOG asks for more.
    log.info(failure.message, err);
    throw failure;
  }
  try {
    return await afterCommand(io, opened.opened, await fn(opened.opened), gate, opened.owner);
  } catch (err) {
    // What the user saw on stderr, kept with the rest of the run in cli.log.
    log.info(`command failed: ${err instanceof Error ? err.message : String(err)}`);
    throw storedJsonFailure(err) ?? err;
  } finally {
    await opened.opened.close();
  }
}

/** Validates `input` with the channel's schema; `flagOf` maps a schema path to the flag the user typed. */
export function validateInput<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
  usage: string,
  flagOf: Record<string, string> = {},
): void {
  const parsed = contract[channel].input.safeParse(input);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  const flag = flagOf[key] ?? (key ? `--${key}` : 'input');
  throw new UsageError(`${flag}: ${issue?.message ?? 'invalid value'}`, usage);
}

export async function call<C extends Channel>(
  services: Reader,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelResult<C>> {
  const result = await dispatchChannel(services.handlers, channel, input, services.log);
  if (!result.ok) throw new CliFailure(oneLine(result.error.message));
  return result.value;
}
