// One SQLite connection in main: WAL, foreign keys on, migrated before use (DESIGN.md "Data").
import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Default true. A read-only caller (e.g. an inspection tool) may skip migration. */
  migrate?: boolean;
  /** SQLite page cache in KiB (negative PRAGMA cache_size). Default 64 MiB. */
  cacheKiB?: number;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma(`cache_size = -${Math.max(2048, Math.floor(options.cacheKiB ?? 65536))}`);
    db.pragma('temp_store = MEMORY');
    if (options.migrate !== false) migrate(db, MIGRATIONS);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
