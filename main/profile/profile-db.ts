// Opening a profile's database for use (docs/architecture.md "Data"): the start-up check first (health.ts), a backup
// before a migration, then connection.ts. `prepareProfile` is the asynchronous part every start runs (the app, the
// browser host, each CLI command) before createServices; `openProfileDatabase` is what createServices calls, and it
// refuses on its own — from the file checks alone — to create a new database where the folder shows there was data.
import type { DbHealth } from './health';
import { checkProfile, DatabaseNeedsRecoveryError, markInitialized } from './health';
import { backupFile, type DbBackup } from './backup';
import { openDatabase, type OpenOptions, type ReadDb, type ReadOnlyDb, type WriteDb } from '../db/connection';
import { schemaVersion, type Migration } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { installIntentJournal } from './intent-journal';
// Registers the open steps that finish a first sync or bulk load a crash interrupted (connection.ts registerOpenStep).
import '../orders/order-incoming';
import type { ProfilePaths } from '../settings/paths';

export interface PreparedProfile {
  health: DbHealth;
  /** The backup taken because a migration is about to run; null when none was needed. */
  migrationBackup: DbBackup | null;
}

const latestOf = (migrations: readonly Migration[]): number => migrations.reduce((m, x) => Math.max(m, x.version), 0);

/**
 * The full start-up check, then — when the database exists and a migration is pending — a checked backup of it as it
 * is. A profile that needs recovery is returned as such (nothing is opened for writing, nothing replaced).
 */
export async function prepareProfile(
  paths: ProfilePaths,
  options: { migrations?: readonly Migration[]; now?: number } = {},
): Promise<PreparedProfile> {
  const health = checkProfile(paths, { full: true });
  if (health.state !== 'ok') return { health, migrationBackup: null };
  const version = health.schemaVersion ?? 0;
  const latest = latestOf(options.migrations ?? MIGRATIONS);
  if (version > 0 && version < latest) {
    const migrationBackup = await backupFile(paths.db, paths.dir, { reason: 'migration', now: options.now });
    return { health, migrationBackup };
  }
  return { health, migrationBackup: null };
}

/**
 * The file checks (cheap: no quick_check), then connection.ts. An owner's connection also writes the first-migration
 * marker and records new drafts and actions in the intent journal (intent-journal.ts).
 */
export function openProfileDatabase(paths: ProfilePaths, options: OpenOptions & { readOnly: true }): ReadOnlyDb;
export function openProfileDatabase(paths: ProfilePaths, options?: OpenOptions & { readOnly?: false }): WriteDb;
export function openProfileDatabase(paths: ProfilePaths, options: OpenOptions = {}): ReadDb {
  const health = checkProfile(paths, { full: false });
  if (health.state !== 'ok') throw new DatabaseNeedsRecoveryError(health);
  if (options.readOnly) return openDatabase(paths.db, { ...options, readOnly: true });
  const db = openDatabase(paths.db, { ...options, readOnly: false });
  try {
    markInitialized(paths.dir, schemaVersion(db));
    installIntentJournal(db, paths.dir);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
