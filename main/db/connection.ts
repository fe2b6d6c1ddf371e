// One SQLite connection in main: WAL, foreign keys on, migrated before use (docs/architecture.md "Data").
import { chmodSync, existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { migrate, NewerDatabaseError, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';
import { openSqlite } from './native-binding';

declare const access: unique symbol;

/**
 * STYLE.md "The database": handles are typed by what they may do (Signal Desktop's ReadableDB / WritableDB). A
 * function that only reads takes a ReadDb; one that writes takes a WriteDb. The read-only open returns a ReadOnlyDb,
 * which a ReadDb parameter accepts and a WriteDb parameter refuses, so a read path cannot reach a write function.
 * A plain better-sqlite3 handle opened for writing (tests, tools) counts as a WriteDb, which it is.
 */
export type ReadDb = Database.Database & { readonly [access]?: 'read' | 'write' };
export type WriteDb = Database.Database & { readonly [access]?: 'write' };
/** What the read-only open returns: readable, never writable. */
export type ReadOnlyDb = Database.Database & { readonly [access]: 'read' };
/** The owner's connection (kept as the name most repositories use). */
export type Db = WriteDb;

/** The one place a handle opened with `readonly: true` gets its type (the brand exists only in the type system). */
function asReadOnly(db: Database.Database): ReadOnlyDb {
  return db as ReadOnlyDb;
}

export interface OpenOptions {
  /** Default true. A read-only caller (e.g. an inspection tool) may skip migration. */
  migrate?: boolean;
  /** SQLite page cache in KiB (negative PRAGMA cache_size). Default DEFAULT_CACHE_KIB. */
  cacheKiB?: number;
  /**
   * Open without writing anything: a command that only reads while another process owns the data folder
   * (docs/architecture.md "Data"). The database must exist at the latest schema (DatabaseNotReadyError otherwise).
   */
  readOnly?: boolean;
}

/**
 * SQLite's page cache: 16 MiB. On the 1M-line bench cache a 64 MiB cache made the search mix only ~5–10 % faster
 * (the OS page cache holds the file anyway) for ~50 MB more resident memory (docs/architecture.md "Memory").
 */
export const DEFAULT_CACHE_KIB = 16_384;

/**
 * A read-only open found no database, or one an owner has not migrated yet: only the owner may create or migrate it.
 */
export class DatabaseNotReadyError extends Error {
  override readonly name = 'DatabaseNotReadyError';
}

/**
 * docs/architecture.md "Security": the database and its -wal/-shm are 0600 (SQLite gives -wal/-shm the db file's mode).
 */
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

function openReadOnly(file: string, cacheKiB: number | undefined): ReadOnlyDb {
  if (!existsSync(file)) throw new DatabaseNotReadyError(`no database at ${file} yet`);
  const db = openSqlite(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const latest = MIGRATIONS.reduce((m, x) => Math.max(m, x.version), 0);
    const found = schemaVersion(db);
    if (found > latest) throw new NewerDatabaseError(found, latest);
    if (found < latest)
      throw new DatabaseNotReadyError(`the database at ${file} is at schema ${found}; this version needs ${latest}`);
    db.pragma(`cache_size = -${Math.max(2048, Math.floor(cacheKiB ?? DEFAULT_CACHE_KIB))}`);
    db.pragma('temp_store = MEMORY');
    return asReadOnly(db);
  } catch (err) {
    db.close();
    throw err;
  }
}

const openSteps: Array<{ order: number; run: (db: Db) => void }> = [];

/**
 * A step every owner's open runs after the migrations, lowest `order` first. db/ knows no domain (docs/architecture.md
 * "Folders"), so a domain that can leave work half-done across a crash registers how to finish it when its module
 * loads.
 */
export function registerOpenStep(order: number, run: (db: Db) => void): void {
  openSteps.push({ order, run });
}

export function openDatabase(file: string, options: OpenOptions & { readOnly: true }): ReadOnlyDb;
export function openDatabase(file: string, options?: OpenOptions & { readOnly?: false }): WriteDb;
export function openDatabase(file: string, options?: OpenOptions): ReadDb;
export function openDatabase(file: string, options: OpenOptions = {}): ReadDb {
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
    db.pragma(`cache_size = -${Math.max(2048, Math.floor(options.cacheKiB ?? DEFAULT_CACHE_KIB))}`);
    db.pragma('temp_store = MEMORY');
    if (options.migrate !== false) {
      migrate(db, MIGRATIONS);
      // What a crash left half-done (a bulk load's dropped indexes, a first sync's staged pages), finished before
      // anything reads; the steps belong to the domains that write such states (main/orders).
      for (const step of [...openSteps].sort((a, b) => a.order - b.order)) step.run(db);
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
