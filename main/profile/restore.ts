// Restoring a backup (docs/architecture.md "Data"). The database must be closed (the runtime or the CLI command holds
// the folder). The chosen copy is copied in and checked first; the database it replaces is kept: backed up when it is
// healthy, moved aside as `damaged-<time>.db` (with its -wal/-shm) when it is not. Nothing is deleted.
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { AppError } from '../../common/api/result';
import type { DbBackup, RestoreAnswer } from '../../common/api/contract-db';
import type { ProfilePaths } from '../settings/paths';
import {
  backupFile,
  backupPath,
  fsyncPath,
  latestGoodBackup,
  listBackups,
  parseBackupName,
  verifyDatabaseFile,
} from './backup';
import { checkProfile } from './health';
import { INTENT_JOURNAL_FILE } from './intent-journal';
import { MIGRATIONS } from '../db/migrations';
import { NewerDatabaseError } from '../db/migrate';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `YYYYMMDD-HHMMSS` in UTC, for `damaged-…` and `recovery-…` names. */
export function fileStamp(at: number): string {
  const d = new Date(at);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/**
 * Moves the database and its -wal/-shm aside as `damaged-<stamp>.db…`; returns the new name, or null when there was no
 * file.
 */
export function moveAside(paths: ProfilePaths, at: number): string | null {
  if (!existsSync(paths.db) && !existsSync(`${paths.db}-wal`)) return null;
  let name = `damaged-${fileStamp(at)}.db`;
  for (let n = 2; existsSync(path.join(paths.dir, name)); n++) name = `damaged-${fileStamp(at)}-${n}.db`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(`${paths.db}${suffix}`))
      renameSync(`${paths.db}${suffix}`, path.join(paths.dir, `${name}${suffix}`));
  }
  fsyncPath(paths.dir);
  return name;
}

export interface RestoreOptions {
  /** A backup of this profile by file name (`db:restore`). */
  name?: string;
  /** Any database file (`seller-desk db restore --from FILE`). */
  from?: string;
  now?: number;
}

function describeSource(file: string, name: string | null): DbBackup {
  const parsed = name ? parseBackupName(name) : null;
  const st = statSync(file);
  return {
    name: name ?? path.basename(file),
    createdAt: parsed?.createdAt ?? st.mtimeMs,
    bytes: st.size,
    reason: parsed?.reason ?? 'manual',
  };
}

/** Replaces the (closed) profile database with a backup. */
export async function restoreDatabase(paths: ProfilePaths, options: RestoreOptions = {}): Promise<RestoreAnswer> {
  const now = options.now ?? Date.now();
  let source: string;
  let sourceName: string | null = null;
  if (options.from) {
    source = path.resolve(options.from);
    if (!existsSync(source)) throw new AppError('not_found', `no file ${source}`);
  } else if (options.name) {
    if (!parseBackupName(options.name)) throw new AppError('validation', `not a backup name: ${options.name}`);
    source = backupPath(paths.dir, options.name);
    sourceName = options.name;
    if (!existsSync(source)) throw new AppError('not_found', `no backup ${options.name} in ${path.dirname(source)}`);
  } else {
    const latest = latestGoodBackup(paths.dir);
    if (!latest) {
      const any = listBackups(paths.dir).length;
      throw new AppError(
        'not_found',
        any
          ? `none of the ${any} backups in ${path.join(paths.dir, 'backups')} passes its check`
          : `there is no backup in ${path.join(paths.dir, 'backups')}`,
      );
    }
    source = latest.file;
    sourceName = latest.backup.name;
  }
  const restoredFrom = describeSource(source, sourceName);

  // The copy is made and checked before anything is touched: a backup rotated away meanwhile cannot matter.
  const incoming = path.join(paths.dir, `.restoring-${fileStamp(now)}.db`);
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${incoming}${suffix}`, { force: true });
  copyFileSync(source, incoming);
  if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${incoming}-wal`);
  chmodSync(incoming, 0o600);
  try {
    const check = verifyDatabaseFile(incoming);
    if (!check.ok)
      throw new AppError(
        'validation',
        `${restoredFrom.name} does not pass its check (${check.message}); nothing was replaced`,
      );
    const latest = MIGRATIONS.reduce((m, x) => Math.max(m, x.version), 0);
    if ((check.schemaVersion ?? 0) > latest) throw new NewerDatabaseError(check.schemaVersion ?? 0, latest);
    if ((check.schemaVersion ?? 0) === 0)
      throw new AppError(
        'validation',
        `${restoredFrom.name} holds no Seller Desk data (schema 0); nothing was replaced`,
      );
    const fd = openSync(incoming, 'r');
    fsyncSync(fd);
    closeSync(fd);

    let keptAs: string | null = null;
    if (existsSync(paths.db) && statSync(paths.db).size > 0 && checkProfile(paths, { full: true }).state === 'ok') {
      const kept = await backupFile(paths.db, paths.dir, { reason: 'restore', now });
      keptAs = `backups/${kept.name}`;
      for (const suffix of ['-wal', '-shm']) rmSync(`${paths.db}${suffix}`, { force: true });
      rmSync(paths.db, { force: true });
    } else {
      keptAs = moveAside(paths, now);
    }
    // Never a stale -wal/-shm beside the restored file: SQLite would apply another database's log to it.
    for (const suffix of ['-wal', '-shm']) rmSync(`${paths.db}${suffix}`, { force: true });
    renameSync(incoming, paths.db);
    fsyncPath(paths.dir);
    // The journal of recent drafts and actions described the database just replaced (kept as `keptAs`).
    rmSync(path.join(paths.dir, INTENT_JOURNAL_FILE), { force: true });
    return { restoredFrom, keptAs };
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${incoming}${suffix}`, { force: true });
  }
}
