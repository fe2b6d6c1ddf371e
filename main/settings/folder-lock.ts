// One owner per data folder (docs/architecture.md "Data"): the desktop app, the browser host or a CLI command that
// writes holds `<profile>/owner.lock` while it runs; a second one is refused with who holds it.
//
// The lock is SQLite's own file lock, not a lock file of ours: the owner keeps a write transaction open
// (`BEGIN IMMEDIATE`, SQLite's RESERVED lock) on a small database for as long as it runs. Why SQLite rather than a
// mkdir/mtime lock file (proper-lockfile):
//  - the OS drops SQLite's lock (POSIX fcntl, Windows LockFileEx) the moment the owner dies, SIGKILL or power loss
//    included, so a dead owner's lock is taken over at once, with no staleness timer to wait out;
//  - a live owner is never judged stale: an mtime lock goes stale when the event loop is blocked longer than its
//    threshold (a long migration or bulk load, docs/architecture.md "Writing"), and a second owner would then start;
//  - the holder's metadata (kind, pid, since) is a row other processes can read while the lock is held (a RESERVED
//    lock lets readers in), and better-sqlite3 is already here.
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { openSqlite } from '../db/native-binding';
import { perDb } from '../db/statement-cache';

/** Who may own a data folder. */
export type OwnerKind = 'desktop' | 'browser-host' | 'cli';

export interface OwnerSpec {
  kind: OwnerKind;
  /** For `cli`: the command, e.g. `sync` or `proof submit`. */
  command?: string;
}

/** What the lock's metadata says about its holder. */
export interface OwnerInfo extends OwnerSpec {
  pid: number;
  /** UTC ms when it took the folder. */
  since: number;
  hostname: string;
}

export const OWNER_LOCK_FILE = 'owner.lock';

/** The folder is owned by another process (or, rarely, one that could not be named). */
export class FolderInUseError extends Error {
  override readonly name = 'FolderInUseError';
  constructor(
    readonly dir: string,
    readonly holder: OwnerInfo | null,
  ) {
    super(
      `the data folder ${dir} is in use by ${holder ? describeOwner(holder) : 'another Seller Desk process'}; one process at a time writes a data folder: stop it first, or use a command that only reads`,
    );
  }
}

export function describeOwner(o: OwnerInfo): string {
  const what =
    o.kind === 'desktop'
      ? 'the desktop app'
      : o.kind === 'browser-host'
        ? 'the browser host (seller-desk serve)'
        : `the command seller-desk${o.command ? ` ${o.command}` : ''}`;
  const where = o.hostname && o.hostname !== hostname() ? ` on ${o.hostname}` : '';
  return `${what} (pid ${o.pid}${where}, since ${new Date(o.since).toISOString()})`;
}

export interface FolderLock {
  readonly dir: string;
  readonly owner: OwnerInfo;
  /** Gives the folder up (idempotent). The OS does the same if the process dies. */
  release(): void;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS owner (
  id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL, kind TEXT NOT NULL, command TEXT,
  pid INTEGER NOT NULL, since INTEGER NOT NULL, hostname TEXT NOT NULL)`;

interface OwnerRow {
  token: string;
  kind: OwnerKind;
  command: string | null;
  pid: number;
  since: number;
  hostname: string;
}

// The owner table is created by the first holder: the read statement is prepared (and cached) once it exists.
const reads = perDb((db: Database.Database) => ({
  owner: db.prepare<[], OwnerRow>('SELECT token, kind, command, pid, since, hostname FROM owner WHERE id = 1'),
}));

const writes = perDb((db: Database.Database) => ({
  publish: db.prepare<[string, OwnerKind, string | null, number, number, string]>(
    'INSERT OR REPLACE INTO owner (id, token, kind, command, pid, since, hostname) VALUES (1, ?, ?, ?, ?, ?, ?)',
  ),
}));

const isBusy = (err: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test(String((err as { code?: unknown }).code ?? ''));

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function tryBegin(db: Database.Database): boolean {
  try {
    db.exec('BEGIN IMMEDIATE');
    return true;
  } catch (err) {
    if (isBusy(err)) return false;
    throw err;
  }
}

/** The committed holder row; null when there is none yet or it cannot be read this instant. */
function readOwner(db: Database.Database): OwnerRow | null {
  try {
    return reads(db).owner.get() ?? null;
  } catch (err) {
    if (isBusy(err) || /no such table/.test(String((err as Error).message))) return null;
    throw err;
  }
}

const infoOf = (r: OwnerRow): OwnerInfo => ({
  kind: r.kind,
  ...(r.command ? { command: r.command } : {}),
  pid: r.pid,
  since: r.since,
  hostname: r.hostname,
});

function openLockDb(file: string): Database.Database {
  let db = openSqlite(file);
  try {
    db.pragma('schema_version'); // reads the header: a file that is not a database fails here
  } catch (err) {
    db.close();
    // Not a database (a truncated file, something else at that name): it holds nothing worth keeping.
    if (!/SQLITE_(NOTADB|CORRUPT)/.test(String((err as { code?: unknown }).code ?? ''))) throw err;
    rmSync(file, { force: true });
    db = openSqlite(file);
  }
  chmodSync(file, 0o600); // docs/architecture.md "Security": files in the profile folder are 0600
  db.pragma('busy_timeout = 0');
  return db;
}

/**
 * Takes the data folder `dir` (a profile folder) for this process, or throws FolderInUseError naming the holder.
 * Synchronous: it runs before the database is opened, at start-up.
 */
export function acquireFolderLock(dir: string, spec: OwnerSpec, opts: { now?: () => number } = {}): FolderLock {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const db = openLockDb(join(dir, OWNER_LOCK_FILE));
  const owner: OwnerInfo = {
    kind: spec.kind,
    ...(spec.command ? { command: spec.command } : {}),
    pid: process.pid,
    since: (opts.now ?? Date.now)(),
    hostname: hostname(),
  };
  const token = randomUUID();
  try {
    // Publishing the row means committing, which ends the transaction; the lock is then taken again and the row
    // checked, so a process that slipped in between is either reported (it holds the lock) or overwritten (it left).
    for (let attempt = 0; attempt < 50; attempt++) {
      if (!tryBegin(db)) {
        const holder = readOwner(db);
        if (holder && holder.token !== token) throw new FolderInUseError(dir, infoOf(holder));
        sleepSync(20); // the holder has not published its row yet
        continue;
      }
      db.exec(SCHEMA);
      writes(db).publish.run(token, owner.kind, owner.command ?? null, owner.pid, owner.since, owner.hostname);
      db.pragma('busy_timeout = 2000'); // the commit waits for a reader of the row to finish
      db.exec('COMMIT');
      db.pragma('busy_timeout = 0');
      if (!tryBegin(db)) continue;
      if (readOwner(db)?.token === token) {
        let released = false;
        return {
          dir,
          owner,
          release() {
            if (released) return;
            released = true;
            db.close(); // ends the open transaction: the RESERVED lock goes with it
          },
        };
      }
      db.exec('ROLLBACK');
    }
    const holder = readOwner(db);
    throw new FolderInUseError(dir, holder ? infoOf(holder) : null);
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
    throw err;
  }
}
