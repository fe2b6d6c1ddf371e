// Backups of the local database (docs/architecture.md "Data"): a snapshot with better-sqlite3's db.backup() (SQLite's
// online backup API: consistent while the app keeps writing) before every migration, at most once a day (at start and
// on a timer while the app runs) and when asked. Each one is checked after writing — opened on its own, PRAGMA
// quick_check must answer ok — before it takes its final name, so a listed backup is one that opens. The newest 7 are
// kept in `<profile>/backups/` (folder 0700, files 0600: they hold everything the database does).
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { BACKUP_REASONS, type BackupReason, type DbBackup } from '../../common/api/contract-db';
import { schemaVersion } from '../db/migrate';
import { openSqlite } from '../db/native-binding';
import { trimIntentJournal } from './intent-journal';

export type { BackupReason, DbBackup } from '../../common/api/contract-db';

export const BACKUPS_KEPT = 7;
export const DAILY_MS = 24 * 60 * 60 * 1000;
const NAME = /^backup-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})-([a-z]+)\.db$/;
const PARTIAL_SUFFIX = '.partial';

export const backupsDir = (profileDir: string): string => path.join(profileDir, 'backups');

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `backup-YYYYMMDD-HHMMSS-mmm-<reason>.db` in UTC: sorts by time, and the time survives a copy (mtime may not). */
export function backupFileName(at: number, reason: BackupReason): string {
  const d = new Date(at);
  const date = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}-${pad(d.getUTCMilliseconds(), 3)}`;
  return `backup-${date}-${time}-${reason}.db`;
}

export function parseBackupName(name: string): { createdAt: number; reason: BackupReason } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const reason = m[8] as BackupReason;
  if (!BACKUP_REASONS.includes(reason)) return null;
  const [y, mo, d, h, mi, s, ms] = m.slice(1, 8).map(Number);
  return { createdAt: Date.UTC(y, mo - 1, d, h, mi, s, ms), reason };
}

/**
 * The profile's backups, newest first. Partial files (a backup cut short) and anything else in the folder are ignored.
 */
export function listBackups(profileDir: string): DbBackup[] {
  let names: string[];
  try {
    names = readdirSync(backupsDir(profileDir));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: DbBackup[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    try {
      const st = statSync(path.join(backupsDir(profileDir), name));
      if (st.isFile()) out.push({ name, createdAt: parsed.createdAt, bytes: st.size, reason: parsed.reason });
    } catch {
      // removed meanwhile
    }
  }
  return out.sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
}

export const backupPath = (profileDir: string, name: string): string => path.join(backupsDir(profileDir), name);

export interface VerifyResult {
  ok: boolean;
  /** "ok", or what SQLite said. */
  message: string;
  schemaVersion: number | null;
}

/**
 * Opens a database file on its own and runs PRAGMA quick_check. Switches it to rollback journaling first so the check
 * leaves one self-contained file behind (no -wal/-shm beside a backup); the app turns WAL on again when it opens a
 * restored copy (connection.ts).
 */
export function verifyDatabaseFile(file: string): VerifyResult {
  let db: Database.Database | null = null;
  try {
    db = openSqlite(file, { fileMustExist: true });
    db.pragma('journal_mode = DELETE');
    const rows = db.pragma('quick_check(5)') as Array<{ quick_check: string }>;
    const message = rows.map((r) => r.quick_check).join('; ');
    return { ok: message === 'ok', message, schemaVersion: schemaVersion(db) };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err), schemaVersion: null };
  } finally {
    db?.close();
  }
}

/** Flushes a file or a folder (after a rename into it) to disk, as far as the OS lets it. */
export function fsyncPath(p: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(p, 'r');
    fsyncSync(fd);
  } catch {
    // a folder cannot be fsynced on Windows; the rename is still atomic
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

export function ensureBackupsDir(profileDir: string): string {
  const dir = backupsDir(profileDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

export interface BackupOptions {
  reason: BackupReason;
  /** UTC ms for the file name (default: now). */
  now?: number;
  keep?: number;
}

/**
 * Snapshots `db` into the profile's backups folder, checks the copy, keeps the newest `keep`. Throws when the copy does
 * not pass its check (the partial file is removed, the older backups stay).
 */
export async function makeBackup(db: Database.Database, profileDir: string, options: BackupOptions): Promise<DbBackup> {
  const dir = ensureBackupsDir(profileDir);
  const startedAt = Date.now();
  let at = options.now ?? startedAt;
  while (listBackups(profileDir).some((b) => b.createdAt === at)) at += 1; // two backups in one millisecond
  const name = backupFileName(at, options.reason);
  const partial = path.join(dir, `.${name}${PARTIAL_SUFFIX}`);
  // Created 0600 before SQLite writes to it: the snapshot is never readable by others, not even for a moment.
  closeSync(openSync(partial, 'w', 0o600));
  try {
    await db.backup(partial);
    const check = verifyDatabaseFile(partial);
    if (!check.ok) throw new Error(`the backup did not pass its check (${check.message})`);
    chmodSync(partial, 0o600);
    fsyncPath(partial);
    renameSync(partial, path.join(dir, name));
    fsyncPath(dir);
  } catch (err) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${partial}${suffix}`, { force: true });
    throw err;
  }
  rotateBackups(profileDir, options.keep ?? BACKUPS_KEPT);
  // What the journal of new drafts and actions recorded before this snapshot is in it now (intent-journal.ts).
  trimIntentJournal(profileDir, startedAt);
  const bytes = statSync(path.join(dir, name)).size;
  return { name, createdAt: at, bytes, reason: options.reason };
}

/** Backs up a database file that is not open (before a migration, before a restore replaces it). */
export async function backupFile(file: string, profileDir: string, options: BackupOptions): Promise<DbBackup> {
  const db = openSqlite(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return await makeBackup(db, profileDir, options);
  } finally {
    db.close();
  }
}

/** Keeps the newest `keep` backups; removes older ones and partial files a crash left. */
export function rotateBackups(profileDir: string, keep: number = BACKUPS_KEPT): string[] {
  const dir = backupsDir(profileDir);
  const removed: string[] = [];
  for (const b of listBackups(profileDir).slice(Math.max(1, keep))) {
    rmSync(path.join(dir, b.name), { force: true });
    removed.push(b.name);
  }
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  const cutoff = Date.now() - 60 * 60 * 1000; // an hour: never a partial file a backup in progress is writing
  for (const n of names) {
    if (!n.includes(PARTIAL_SUFFIX)) continue;
    try {
      if (statSync(path.join(dir, n)).mtimeMs < cutoff) rmSync(path.join(dir, n), { force: true });
    } catch {
      // gone already
    }
  }
  return removed;
}

/** True when no backup was made in the last day (or the newest one is dated in the future: the clock was wrong). */
export function backupDue(profileDir: string, now: number, intervalMs: number = DAILY_MS): boolean {
  const newest = listBackups(profileDir)[0];
  if (!newest) return true;
  return now - newest.createdAt >= intervalMs || newest.createdAt - now > 60 * 60 * 1000;
}

/** The daily backup: at most one a day, whatever made the last one (a migration's or a manual backup counts). */
export async function backupIfDue(
  db: Database.Database,
  profileDir: string,
  now: number = Date.now(),
): Promise<DbBackup | null> {
  if (!backupDue(profileDir, now)) return null;
  return makeBackup(db, profileDir, { reason: 'daily', now });
}

/** The newest backup that passes its check, or null. Older ones are tried when the newest one does not open. */
export function latestGoodBackup(
  profileDir: string,
  options: { skip?: readonly BackupReason[] } = {},
): { backup: DbBackup; file: string } | null {
  for (const b of listBackups(profileDir)) {
    if (options.skip?.includes(b.reason)) continue;
    const file = backupPath(profileDir, b.name);
    if (verifyReadOnly(file)) return { backup: b, file };
  }
  return null;
}

/** quick_check on a backup without changing it (it is in rollback mode already: verifyDatabaseFile made it so). */
function verifyReadOnly(file: string): boolean {
  let db: Database.Database | null = null;
  try {
    db = openSqlite(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('quick_check(1)') as Array<{ quick_check: string }>;
    return rows.length === 1 && rows[0].quick_check === 'ok' && schemaVersion(db) > 0;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}
