// The start-up check of the local database (docs/architecture.md "Data"). Before the database is opened for use:
//  - a missing or zero-byte database where the folder shows there was data (the marker written at the first
//    migration, backups, attachments, a write-ahead log with pages in it) is never replaced by a new one;
//  - a file that is not SQLite's (header), a write-ahead log that lost committed pages (deleted, or cut short: the
//    shared-memory index a crash leaves says how many frames were committed), and — in the full check — what
//    PRAGMA quick_check or SQLite itself reports ("file is not a database", "database disk image is malformed")
//    make the profile `needs_recovery`: the window shows the recovery screen, the CLI exits 1 naming
//    `seller-desk db restore` and `seller-desk db recover`.
// The file checks read a few bytes; the full check runs quick_check, bounded: on a database larger than
// FULL_CHECK_MAX_BYTES only the tables that hold the user's own work are checked (the order cache can be pulled again).
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { DbEvidence, DbProblem, DbState, DbStatus } from '../../common/api/contract-db';
import type { ProfilePaths } from '../settings/paths';
import { listBackups } from './backup';
import { schemaVersion } from '../db/migrate';
import { openSqlite } from '../db/native-binding';

export const MARKER_FILE = '.initialized';
/** Above this size the start-up check covers the user's own tables only, so a 1M-line cache still starts quickly. */
export const FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024;
/** The tables that hold what cannot be pulled again from the marketplace. */
export const PRECIOUS_TABLES = [
  'outbox',
  'outbox_log',
  'outbox_pending',
  'proof_drafts',
  'proof_draft_log',
  'attachments',
  'uploads',
  'settings',
  'sync_cursors',
  'bill_revisions',
  'bill_lines',
  'bills',
];
const SQLITE_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1');

export interface DbHealth {
  state: DbState;
  problem: DbProblem | null;
  evidence: DbEvidence[];
  /** PRAGMA user_version when the full check read it; 0 for a database yet to be created. */
  schemaVersion: number | null;
  /** The check took this long (ms). */
  tookMs: number;
}

/** The profile's database cannot be used as it is; nothing was written. */
export class DatabaseNeedsRecoveryError extends Error {
  override readonly name = 'DatabaseNeedsRecoveryError';
  constructor(readonly health: DbHealth) {
    super(health.problem?.message ?? 'the database needs recovery');
  }
}

export const markerPath = (profileDir: string): string => path.join(profileDir, MARKER_FILE);

/**
 * Written once the database holds a schema: from then on a missing or empty database is a loss, never a fresh start.
 */
export function markInitialized(profileDir: string, version: number): void {
  if (version <= 0 || existsSync(markerPath(profileDir))) return;
  try {
    writeFileSync(
      markerPath(profileDir),
      `${JSON.stringify({ initializedAt: new Date().toISOString(), schemaVersion: version })}\n`,
      { mode: 0o600, flag: 'wx' },
    );
  } catch {
    // written by another process meanwhile, or a read-only folder: the other evidence still applies
  }
}

function readHead(file: string, bytes: number): Buffer | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function sizeOf(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}

function hasAttachments(profileDir: string): boolean {
  try {
    return readdirSync(path.join(profileDir, 'files')).some((n) => /^[0-9a-f]{64}$/.test(n));
  } catch {
    return false;
  }
}

/** Why the folder shows there was data. */
export function evidenceOf(paths: ProfilePaths): DbEvidence[] {
  const out: DbEvidence[] = [];
  if (existsSync(markerPath(paths.dir))) out.push('marker');
  if (listBackups(paths.dir).length > 0) out.push('backups');
  if (hasAttachments(paths.dir)) out.push('attachments');
  if ((sizeOf(`${paths.db}-wal`) ?? 0) > 32) out.push('wal');
  return out;
}

/**
 * Committed pages the write-ahead log no longer has. After a crash the -shm file (SQLite's WAL index,
 * sqlite.org/walformat.html)
 * still says how many frames were committed (mxFrame) and how many were copied into the database (nBackfill); if the
 * -wal is gone or shorter than that, those commits are lost — SQLite itself would silently start from the older state.
 * Read twice: a live owner may be writing the index meanwhile.
 */
export function walLoss(dbFile: string): string | null {
  for (let attempt = 0; attempt < 3; attempt++) {
    const shm = readHead(`${dbFile}-shm`, 136);
    if (!shm || shm.length < 136) return null;
    // Two copies of the header: different while being written.
    if (!shm.subarray(0, 48).equals(shm.subarray(48, 96))) continue;
    const le = shm.readUInt32LE(0) === 3007000;
    if (!le && shm.readUInt32BE(0) !== 3007000) return null;
    const u32 = (o: number): number => (le ? shm.readUInt32LE(o) : shm.readUInt32BE(o));
    const isInit = shm[12] === 1;
    const rawPage = le ? shm.readUInt16LE(14) : shm.readUInt16BE(14);
    const pageSize = rawPage === 1 ? 65536 : rawPage;
    const mxFrame = u32(16);
    const nBackfill = u32(96);
    if (!isInit || pageSize < 512 || mxFrame === 0 || mxFrame <= nBackfill) return null;
    const walSize = sizeOf(`${dbFile}-wal`);
    const again = readHead(`${dbFile}-shm`, 136);
    if (!again || !again.equals(shm)) continue;
    const needed = 32 + mxFrame * (24 + pageSize);
    const name = path.basename(dbFile);
    if (walSize === null)
      return `the write-ahead log ${name}-wal is missing: ${mxFrame - nBackfill} committed page writes never reached the database`;
    if (walSize < needed)
      return `the write-ahead log ${name}-wal is cut short (${walSize} of ${needed} bytes): committed changes are missing from it`;
    if (needed <= WAL_VERIFY_MAX_BYTES) {
      const valid = validWalFrames(`${dbFile}-wal`, mxFrame);
      if (valid !== null && valid < mxFrame)
        return `the write-ahead log ${name}-wal is damaged at frame ${valid + 1} of ${mxFrame}: committed changes after it are lost`;
    }
    return null;
  }
  return null;
}

/** The log is read whole to verify its checksums only up to this size (the default checkpoint keeps it near 4 MiB). */
const WAL_VERIFY_MAX_BYTES = 64 * 1024 * 1024;

/** SQLite's WAL checksum over 8-byte steps (sqlite.org/fileformat.html "Checksum algorithm"). */
function walChecksum(buf: Buffer, start: number, end: number, bigEndian: boolean, s: [number, number]): void {
  let [s0, s1] = s;
  for (let i = start; i < end; i += 8) {
    const x0 = bigEndian ? buf.readUInt32BE(i) : buf.readUInt32LE(i);
    const x1 = bigEndian ? buf.readUInt32BE(i + 4) : buf.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  s[0] = s0;
  s[1] = s1;
}

/**
 * How many of the first `upTo` frames of a WAL file are valid (salts and the running checksum match), as SQLite counts
 * them when it opens the log; null when the header itself is not a WAL header.
 */
export function validWalFrames(walFile: string, upTo: number): number | null {
  let buf: Buffer;
  try {
    buf = readFileSync(walFile);
  } catch {
    return null;
  }
  if (buf.length < 32) return 0;
  const magic = buf.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return null;
  const bigEndian = magic === 0x377f0683;
  const pageSize = buf.readUInt32BE(8) === 1 ? 65536 : buf.readUInt32BE(8);
  const salt1 = buf.readUInt32BE(16);
  const salt2 = buf.readUInt32BE(20);
  const s: [number, number] = [0, 0];
  walChecksum(buf, 0, 24, bigEndian, s);
  if (s[0] !== buf.readUInt32BE(24) || s[1] !== buf.readUInt32BE(28)) return 0;
  const frame = 24 + pageSize;
  let n = 0;
  for (; n < upTo; n++) {
    const at = 32 + n * frame;
    if (at + frame > buf.length) break;
    if (buf.readUInt32BE(at + 8) !== salt1 || buf.readUInt32BE(at + 12) !== salt2) break;
    walChecksum(buf, at, at + 8, bigEndian, s);
    walChecksum(buf, at + 24, at + frame, bigEndian, s);
    if (s[0] !== buf.readUInt32BE(at + 16) || s[1] !== buf.readUInt32BE(at + 20)) break;
  }
  return n;
}

const errCode = (err: unknown): string => String((err as { code?: unknown }).code ?? '');

/** SQLite's own words for a damaged file → the problem kind; null for an error that is not about damage. */
export function problemOfError(err: unknown): DbProblem | null {
  const code = errCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_NOTADB')
    return { kind: 'not_a_database', message: `the database file is not a SQLite database (${message})` };
  if (code.startsWith('SQLITE_CORRUPT'))
    return { kind: 'malformed', message: `SQLite reports the database damaged (${message})` };
  return null;
}

/** Runs quick_check (bounded, see FULL_CHECK_MAX_BYTES) on an open connection; null when it answers ok. */
export function quickCheck(db: Database.Database, fileBytes: number): DbProblem | null {
  const tables =
    fileBytes > FULL_CHECK_MAX_BYTES
      ? db
          .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table'")
          .pluck()
          .all()
          .filter((t) => PRECIOUS_TABLES.includes(t))
      : [null];
  for (const table of tables) {
    const rows = db.pragma(table === null ? 'quick_check(5)' : `quick_check("${table.replace(/"/g, '""')}")`) as Array<{
      quick_check: string;
    }>;
    const text = rows.map((r) => r.quick_check).join('; ');
    if (text !== 'ok')
      return {
        kind: 'check_failed',
        message: `PRAGMA quick_check found problems: ${text.replace(/\s+/g, ' ').slice(0, 300)}`,
      };
  }
  return null;
}

export interface CheckOptions {
  /** Open the database and run quick_check (start-up of the app, the browser host, a CLI command). Default true. */
  full?: boolean;
}

/** Checks the profile's database without writing to it. */
export function checkProfile(paths: ProfilePaths, options: CheckOptions = {}): DbHealth {
  const started = Date.now();
  const done = (problem: DbProblem | null, evidence: DbEvidence[], version: number | null): DbHealth => ({
    state: problem ? 'needs_recovery' : 'ok',
    problem,
    evidence,
    schemaVersion: version,
    tookMs: Date.now() - started,
  });
  const evidence = evidenceOf(paths);
  const bytes = sizeOf(paths.db);
  if (bytes === null) {
    return evidence.length > 0
      ? done(
          {
            kind: 'missing',
            message: `the database ${path.basename(paths.db)} is missing, though this folder held data (${evidence.join(', ')})`,
          },
          evidence,
          null,
        )
      : done(null, evidence, 0);
  }
  const walPages = evidence.includes('wal');
  if (bytes === 0 && !walPages) {
    // A zero-byte file is what SQLite leaves for a new database, too: only the folder's evidence tells them apart.
    return evidence.length > 0
      ? done(
          {
            kind: 'empty',
            message: `the database ${path.basename(paths.db)} is empty (0 bytes), though this folder held data (${evidence.join(', ')})`,
          },
          evidence,
          null,
        )
      : done(null, evidence, 0);
  }
  if (bytes > 0) {
    const head = readHead(paths.db, 100);
    if (!head || head.length < 100 || !head.subarray(0, 16).equals(SQLITE_MAGIC)) {
      return done(
        {
          kind: 'not_a_database',
          message: `the database ${path.basename(paths.db)} does not start with SQLite's header: it is damaged or not a database`,
        },
        evidence,
        null,
      );
    }
  }
  const lost = walLoss(paths.db);
  if (lost) return done({ kind: 'wal_lost', message: lost }, evidence, null);
  if (options.full === false) return done(null, evidence, null);

  let db: Database.Database | null = null;
  try {
    db = openSqlite(paths.db, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const version = schemaVersion(db);
    return done(quickCheck(db, bytes), evidence, version);
  } catch (err) {
    const problem = problemOfError(err);
    if (!problem) throw err;
    return done(problem, evidence, null);
  } finally {
    db?.close();
  }
}

/** What `db:status` answers before anything was skipped. */
export function statusOf(
  paths: ProfilePaths,
  health: Pick<DbHealth, 'state' | 'problem' | 'evidence'>,
  rowProblems: DbStatus['rowProblems'] = [],
): DbStatus {
  return {
    state: health.state,
    problem: health.problem,
    evidence: health.evidence,
    backups: listBackups(paths.dir),
    rowProblems,
  };
}

/** The CLI's one line: what is wrong, that nothing was replaced, and the two commands that help. */
export function recoveryAdvice(paths: ProfilePaths, health: Pick<DbHealth, 'problem'>): string {
  const latest = listBackups(paths.dir)[0];
  const restore = latest
    ? `'seller-desk db restore' puts back the latest backup (${new Date(latest.createdAt).toISOString()})`
    : "'seller-desk db restore --from FILE' puts back a backup";
  return `${health.problem?.message ?? 'the database needs recovery'}; nothing was replaced. ${restore}; 'seller-desk db recover' saves what can still be read (drafts, queued actions, attachments, bills, settings) into a new database`;
}
