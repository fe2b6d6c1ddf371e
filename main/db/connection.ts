// One SQLite connection in main: WAL, foreign keys on, migrated before use (docs/architecture.md "Data").
import Database from 'better-sqlite3';
import { migrate, NewerDatabaseError, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';
import { finishBulkLoad } from './order-bulk';
import { openSqlite } from './native-binding';

export type Db = Database.Database;

export interface OpenOptions {
  /** Default true. A read-only caller (e.g. an inspection tool) may skip migration. */
  migrate?: boolean;
  /** SQLite page cache in KiB (negative PRAGMA cache_size). Default 64 MiB. */
  cacheKiB?: number;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = openSqlite(file);
  try {
    db.pragma('busy_timeout = 5000');
    // Refuse a newer database before anything can write to it (switching to WAL rewrites the header).
    const latest = MIGRATIONS.reduce((m, x) => Math.max(m, x.version), 0);
    const found = schemaVersion(db);
    if (options.migrate !== false && found > latest) throw new NewerDatabaseError(found, latest);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = -${Math.max(2048, Math.floor(options.cacheKiB ?? 65536))}`);
    db.pragma('temp_store = MEMORY');
    if (options.migrate !== false) {
      migrate(db, MIGRATIONS);
      finishBulkLoad(db); // a bulk load interrupted by a crash left its indexes dropped
    }
    // Long-lived connection: let SQLite refresh planner statistics where they are stale (sqlite.org/lang_analyze.html).
    // analysis_limit keeps that to a sample, so it stays fast on a 1M-line cache.
    if (options.migrate !== false) {
      db.pragma('analysis_limit = 1000');
      db.pragma('optimize = 0x10002');
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
