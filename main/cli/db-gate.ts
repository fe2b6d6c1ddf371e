// What every CLI command that opens a profile does around it (docs/architecture.md "Data"), called by context.ts:
// the start-up check and the backup before a migration first (a database that needs recovery: exit 1 naming
// `seller-desk db restore` and `seller-desk db recover`, nothing opened for writing); afterwards the rows a list
// skipped
// as damaged (a warning each on stderr, exit 1 — never exit 0 over a damaged row) and the daily backup when one is due.
import { DatabaseNeedsRecoveryError, recoveryAdvice } from '../profile/health';
import { backupIfDue } from '../profile/backup';
import { prepareProfile } from '../profile/profile-db';
import { describeRowProblem, rowProblems, StoredJsonError } from '../db/row-problems';
import type { Logger } from '../log';
import type { Reader, Services } from '../services';
import { profilePaths } from '../settings/paths';
import { CliFailure } from './errors';
import type { CliIo } from './io';

export interface GateResult {
  /** The database existed before this command (a daily backup is worth making). */
  existed: boolean;
}

/** Before createServices. Throws CliFailure when the profile needs recovery. */
export async function checkProfileBeforeOpen(
  profile: { dataDir: string; demo: boolean },
  log: Logger,
): Promise<GateResult> {
  const paths = profilePaths(profile.dataDir, profile.demo);
  const { health, migrationBackup } = await prepareProfile(paths);
  if (migrationBackup) log.info(`backed up the database before migrating it: ${migrationBackup.name}`);
  if (health.state !== 'ok') throw new CliFailure(recoveryAdvice(paths, health));
  return { existed: (health.schemaVersion ?? 0) > 0 };
}

/** createServices' own refusal (the file checks it repeats), as the same one line. */
export function openFailure(profile: { dataDir: string; demo: boolean }, err: unknown): CliFailure | null {
  if (!(err instanceof DatabaseNeedsRecoveryError)) return null;
  return new CliFailure(recoveryAdvice(profilePaths(profile.dataDir, profile.demo), err.health));
}

/** A damaged row a one-row command met: its one line. */
export function storedJsonFailure(err: unknown): CliFailure | null {
  return err instanceof StoredJsonError ? new CliFailure(err.message) : null;
}

/**
 * After the command: each row a list skipped is one warning on stderr, and a command that would have exited 0 exits 1.
 * Then the daily backup, by an owner of the folder, of a database that existed before this command.
 */
export async function afterCommand<T>(
  io: CliIo,
  services: Reader,
  result: T,
  gate: GateResult,
  owner: Services | null,
): Promise<T> {
  const skipped = rowProblems(services.db);
  if (skipped.length > 0) {
    for (const p of skipped) io.err(`seller-desk: warning: ${describeRowProblem(p)}`);
    io.err(
      "seller-desk: the database has damaged rows; 'seller-desk db check' lists them, 'seller-desk db recover' saves what can be read",
    );
    if (result === 0) return 1 as T;
  }
  if (gate.existed && owner) {
    try {
      const made = await backupIfDue(owner.db, owner.paths.dir);
      if (made) services.log.info(`daily backup ${made.name} (${made.bytes} bytes) written and checked`);
    } catch (err) {
      services.log.warn('the daily backup failed', err);
    }
  }
  return result;
}
