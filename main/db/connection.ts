// One SQLite connection in main: WAL, foreign keys on, migrated before use (docs/architecture.md "Data").
import { chmodSync, existsSync } from 'node:fs';
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
  /**
   * Open without writing anything: a command that only reads while another process owns the data folder
   * (docs/architecture.md "Data"). The database must exist at the latest schema (DatabaseNotReadyError otherwise).
   */
  readOnly?: boolean;
}

/** A read-only open found no database, or one an owner has not migrated yet: only the owner may create or migrate it. */
export class DatabaseNotReadyError extends Error {
  override readonly name = 'DatabaseNotReadyError';
}

/** docs/architecture.md "Security": the database and its -wal/-shm are 0600 (SQLite gives -wal/-shm the db file's mode). */
function restrictToOwner(file: string): void {
  if (file === '' || file === ':memory:' || file.startsWith('file:')) return;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(f, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

function openReadOnly(file: string, cacheKiB: number | undefined): Db {
  if (!existsSync(file)) throw new DatabaseNotReadyError(`no database at ${file} yet`);
  const db = openSqlite(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const latest = MIGRATIONS.reduce((m, x) => Math.max(m, x.version), 0);
    const found = schemaVersion(db);
    if (found > latest) throw new NewerDatabaseError(found, latest);
    if (found < latest) throw new DatabaseNotReadyError(`the database at ${file} is at schema ${found}; this version needs ${latest}`);
    db.pragma(`cache_size = -${Math.max(2048, Math.floor(cacheKiB ?? 65536))}`);
    db.pragma('temp_store = MEMORY');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (options.readOnly) return openReadOnly(file, options.cacheKiB);
  const db = openSqlite(file);
  try {
    restrictToOwner(file); // before WAL mode creates -wal and -shm
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
