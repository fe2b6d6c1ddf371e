// The database channels as services.ts serves them with the database open (docs/architecture.md "Data"): its status
// (and the rows lists skipped as damaged, pushed as `db:status`), the backups, a backup now. Restore and recovery
// replace
// the database file, so they run where the database can be closed first: profile-runtime.ts (the window) and
// `seller-desk db restore|recover`; here they are refused.
import { AppError } from '../../common/api/result';
import type { DbChannel, DbStatus } from '../../common/api/contract-db';
import type { Db } from '../db/connection';
import { listBackups, makeBackup } from './backup';
import { evidenceOf, statusOf } from './health';
import { onRowProblem, rowProblems } from '../db/row-problems';
import type { ProfilePaths } from '../settings/paths';
import type { EventBus } from '../api/events';
import type { Handlers } from '../api/dispatch';

export type DbHandlers = Pick<Handlers, DbChannel>;

export interface DbHandlerDeps {
  db: Db;
  paths: ProfilePaths;
  events: EventBus;
}

/** The status of an open, checked database: ok, plus what lists have skipped. */
export function openDbStatus(db: Db, paths: ProfilePaths): DbStatus {
  return statusOf(paths, { state: 'ok', problem: null, evidence: evidenceOf(paths) }, rowProblems(db));
}

export function createDbHandlers({ db, paths, events }: DbHandlerDeps): {
  handlers: DbHandlers;
  dispose: () => void;
} {
  // A list that skipped a damaged row tells the window (a notice), not just the log.
  const dispose = onRowProblem(db, () => events.emit('db:status', openDbStatus(db, paths)));
  const closedOnly = (what: string): never => {
    throw new AppError(
      'conflict',
      `${what} replaces the database file, so it runs with the database closed: use the app's recovery screen or Settings, or 'seller-desk db ${what === 'a restore' ? 'restore' : 'recover'}'`,
    );
  };
  return {
    dispose,
    handlers: {
      'db:status': () => openDbStatus(db, paths),
      'db:backups': () => listBackups(paths.dir),
      'db:backup': () => makeBackup(db, paths.dir, { reason: 'manual' }),
      'db:restore': () => closedOnly('a restore'),
      'db:recover': () => closedOnly('a recovery'),
    },
  };
}
