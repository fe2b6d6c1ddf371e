// Reading what is still readable in a damaged SQLite file (docs/architecture.md "Data"; used by recover.ts): a header
// put back when it was overwritten, then each table read row by row — forwards until SQLite stops at a damaged page,
// backwards from the end, and for rowid tables by probing past the damaged range — so one bad page costs the rows on
// it, not the table. The keys the indexes still list tell which rows existed that could not be read.
import {
  closeSync,
  copyFileSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readSync,
  statSync,
  writeSync,
} from 'node:fs';
import type Database from 'better-sqlite3';
import type { RecoveryNote } from '../../common/api/contract-db';
import { openSqlite } from '../db/native-binding';

export type Row = Record<string, unknown>;

const SQLITE_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1');
const BTREE_FLAGS = new Set([0x02, 0x05, 0x0a, 0x0d]);
const PAGE_SIZES = [4096, 1024, 2048, 8192, 16384, 32768, 65536, 512];

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function readAt(fd: number, pos: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, pos);
  return buf.subarray(0, n);
}

/** How plausible `pageSize` is: page 1's b-tree header and the first byte of the next pages. */
function pageSizeScore(fd: number, size: number, pageSize: number): number {
  if (size < pageSize * 2) return size >= 101 && BTREE_FLAGS.has(readAt(fd, 100, 1)[0]) ? 1 : 0;
  let score = BTREE_FLAGS.has(readAt(fd, 100, 1)[0]) ? 2 : 0;
  const pages = Math.min(Math.floor(size / pageSize), 64);
  for (let p = 1; p < pages; p++) if (BTREE_FLAGS.has(readAt(fd, p * pageSize, 1)[0])) score++;
  if (size % pageSize === 0) score++;
  return score;
}

/** A 100-byte database header for a file whose own header was overwritten (sqlite.org/fileformat.html §1.3). */
export function rebuiltHeader(pageSize: number, wal: boolean): Buffer {
  const h = Buffer.alloc(100);
  SQLITE_MAGIC.copy(h, 0);
  h.writeUInt16BE(pageSize === 65536 ? 1 : pageSize, 16);
  h[18] = wal ? 2 : 1; // file format write/read version: 2 = WAL, so a -wal beside it is read
  h[19] = wal ? 2 : 1;
  h[20] = 0; // reserved bytes per page
  h[21] = 64;
  h[22] = 32;
  h[23] = 32;
  h.writeUInt32BE(1, 24); // change counter
  h.writeUInt32BE(0, 28); // size in pages: 0 = "not valid", SQLite takes the file's size
  h.writeUInt32BE(1, 40); // schema cookie
  h.writeUInt32BE(4, 44); // schema format
  h.writeUInt32BE(1, 56); // UTF-8
  h.writeUInt32BE(0, 92);
  h.writeUInt32BE(3_054_001, 96);
  return h;
}

/**
 * Puts back a header SQLite accepts, in place: the magic string alone when that is all that is wrong, else a rebuilt
 * header with the most plausible page size. Returns what it did, or null when the file had SQLite's header.
 */
export function repairHeader(file: string): RecoveryNote | null {
  const fd = openSync(file, 'r+');
  try {
    const size = fstatSync(fd).size;
    if (size < 100) return null;
    const head = readAt(fd, 0, 100);
    const magicOk = head.subarray(0, 16).equals(SQLITE_MAGIC);
    const walFile = `${file}-wal`;
    const wal = existsSync(walFile) && statSync(walFile).size > 32;
    const stated = head.readUInt16BE(16) === 1 ? 65536 : head.readUInt16BE(16);
    const rest = head.subarray(16, 100);
    const restPlausible =
      PAGE_SIZES.includes(stated) &&
      (head[18] === 1 || head[18] === 2) &&
      head[21] === 64 &&
      head[22] === 32 &&
      head[23] === 32 &&
      rest.readUInt32BE(44 - 16) === 4;
    if (!magicOk && restPlausible) {
      writeSync(fd, SQLITE_MAGIC, 0, 16, 0);
      return { code: 'header_repaired', message: "the database header's first bytes were put back" };
    }
    if (magicOk && restPlausible) return null;
    let walPage: number | null = null;
    if (wal) {
      const wfd = openSync(walFile, 'r');
      try {
        const w = readAt(wfd, 0, 32);
        if (w.length === 32 && PAGE_SIZES.includes(w.readUInt32BE(8))) walPage = w.readUInt32BE(8);
      } finally {
        closeSync(wfd);
      }
    }
    const candidates = walPage ? [walPage, ...PAGE_SIZES.filter((p) => p !== walPage)] : PAGE_SIZES;
    let best = candidates[0];
    let bestScore = -1;
    for (const p of candidates) {
      const s = pageSizeScore(fd, size, p);
      if (s > bestScore) {
        best = p;
        bestScore = s;
      }
    }
    writeSync(fd, rebuiltHeader(best, wal), 0, 100, 0);
    return { code: 'header_rebuilt', message: `the database header was rebuilt (page size ${best})` };
  } finally {
    closeSync(fd);
  }
}

function readable(db: Database.Database): boolean {
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return true;
  } catch {
    return false;
  }
}

/**
 * The table of contents (sqlite_schema) taken from a backup of the same database: SQLite's backup copies page for page,
 * and tables keep their root pages, so when the damaged file lost its own schema pages (cut short, overwritten) the
 * backup's put at the same places let the surviving table pages be read. Only when the schema version in the damaged
 * header — if it still has one — matches the backup's (no migration since; a backup is taken before each). Returns a
 * note, or null when not done.
 */
export function transplantSchema(workFile: string, backupFile: string): RecoveryNote | null {
  let backup: Database.Database | null = null;
  let pages: number[];
  let pageSize: number;
  try {
    backup = openSqlite(backupFile, { readonly: true, fileMustExist: true });
    pageSize = backup.pragma('page_size', { simple: true }) as number;
    pages = backup
      .prepare<[], number>("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema' ORDER BY pageno")
      .pluck()
      .all();
  } catch {
    return null;
  } finally {
    backup?.close();
  }
  if (pages.length === 0) return null;
  const bfd = openSync(backupFile, 'r');
  const wfd = openSync(workFile, 'r+');
  try {
    const ownHead = readAt(wfd, 0, 100);
    const backupHead = readAt(bfd, 0, 100);
    // The same schema version (user_version): no migration since the backup. (Not the schema cookie: SQLite's backup
    // sets the copy's own.)
    if (
      ownHead.length === 100 &&
      ownHead.subarray(0, 16).equals(SQLITE_MAGIC) &&
      ownHead.readUInt32BE(60) !== backupHead.readUInt32BE(60)
    )
      return null;
    const wal = existsSync(`${workFile}-wal`) && statSync(`${workFile}-wal`).size > 32;
    for (const page of pages) {
      const bytes = readAt(bfd, (page - 1) * pageSize, pageSize);
      if (page === 1) {
        bytes.writeUInt32BE(0, 28); // size in pages "not valid": SQLite takes the file's
        bytes.writeUInt32BE(0, 32); // no freelist: the backup's is not this file's
        bytes.writeUInt32BE(0, 36);
        bytes[18] = wal ? 2 : 1;
        bytes[19] = wal ? 2 : 1;
      }
      writeSync(wfd, bytes, 0, bytes.length, (page - 1) * pageSize);
    }
    // A file cut short still has to reach every root page the schema names (SQLite refuses a root past the end);
    // the missing pages read as zeros, i.e. as damage, and the salvage skips them.
    const backupSize = fstatSync(bfd).size;
    if (fstatSync(wfd).size < backupSize) ftruncateSync(wfd, backupSize);
  } finally {
    closeSync(bfd);
    closeSync(wfd);
  }
  return {
    code: 'schema_from_backup',
    message: `the database's table of contents (${pages.length} page${pages.length === 1 ? '' : 's'}) was taken from the backup`,
  };
}

export interface SalvageSource {
  db: Database.Database | null;
  /** What was done or found, for the report and the log. */
  notes: RecoveryNote[];
}

/**
 * Opens a working copy of a damaged database (with its -wal, so committed pages still in the log are read) for reading.
 * `db` is null when nothing can be read (no file, a zero-byte one, a schema page that is gone).
 */
export function openForSalvage(file: string, workFile: string, backupFile: string | null = null): SalvageSource {
  const notes: RecoveryNote[] = [];
  if (!existsSync(file) || statSync(file).size === 0) {
    if (!existsSync(`${file}-wal`) || statSync(`${file}-wal`).size <= 32)
      return { db: null, notes: [{ code: 'no_file', message: 'there was no database file to read' }] };
  }
  if (existsSync(file)) copyFileSync(file, workFile);
  else closeSync(openSync(workFile, 'w', 0o600));
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${workFile}-wal`);
  let db: Database.Database | null = null;
  const open = (): Database.Database | null => {
    try {
      const d = openSqlite(workFile, { fileMustExist: true });
      if (readable(d)) return d;
      d.close();
    } catch {
      // opened below after a repair, or not at all
    }
    return null;
  };
  db = open();
  if (!db) {
    const repaired = repairHeader(workFile);
    if (repaired) {
      notes.push(repaired);
      db = open();
    }
  }
  if (!db && backupFile) {
    const transplanted = transplantSchema(workFile, backupFile);
    if (transplanted) {
      db = open();
      if (db) notes.push(transplanted);
    }
  }
  if (!db)
    notes.push({
      code: 'unreadable',
      message: 'the damaged database could not be read at all (its schema is unreadable)',
    });
  return { db, notes };
}

export function tableExists(db: Database.Database, table: string): boolean {
  try {
    return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) !== undefined;
  } catch {
    return false;
  }
}

export function columnsOf(db: Database.Database, table: string): string[] {
  try {
    return (db.pragma(`table_info(${quote(table)})`) as Array<{ name: string }>).map((c) => c.name);
  } catch {
    return [];
  }
}

function hasRowid(db: Database.Database, table: string): boolean {
  try {
    db.prepare(`SELECT rowid FROM ${quote(table)} LIMIT 0`);
    return true;
  } catch {
    return false;
  }
}

/** Runs a query, keeping the rows it yields until SQLite stops at damage. */
function scan(db: Database.Database, sql: string, params: unknown[] = []): { rows: Row[]; error: string | null } {
  const rows: Row[] = [];
  try {
    for (const r of db.prepare(sql).iterate(...params)) rows.push(r as Row);
    return { rows, error: null };
  } catch (err) {
    return { rows, error: err instanceof Error ? err.message : String(err) };
  }
}

export interface SalvagedTable {
  rows: Row[];
  /** True when every read went through without an error: the table was read whole. */
  complete: boolean;
  /** The first error SQLite gave, if any. */
  error: string | null;
}

const ROWID = '__salvage_rowid';

/** Every row of `table` that can still be read, each once (by `key`). */
export function salvageTable(db: Database.Database, table: string, key: readonly string[]): SalvagedTable {
  const t = quote(table);
  const byKey = new Map<string, Row>();
  const keyOf = (r: Row): string => JSON.stringify(key.map((k) => r[k] ?? null));
  const add = (rows: Row[]): void => {
    for (const r of rows) if (!byKey.has(keyOf(r))) byKey.set(keyOf(r), r);
  };
  const rowid = hasRowid(db, table);
  const order = rowid ? ROWID : key.map(quote).join(', ');
  const desc = rowid ? `${ROWID} DESC` : key.map((k) => `${quote(k)} DESC`).join(', ');
  const select = rowid ? `SELECT rowid AS ${ROWID}, * FROM ${t}` : `SELECT * FROM ${t}`;
  const forward = scan(db, `${select} ORDER BY ${order}`);
  add(forward.rows);
  const error = forward.error;
  if (error) {
    const backward = scan(db, `${select} ORDER BY ${desc}`);
    add(backward.rows);
    if (rowid) {
      // Probe past the damaged range: a seek by rowid takes another path down the b-tree.
      const lo = forward.rows.length ? Number(forward.rows[forward.rows.length - 1][ROWID]) : 0;
      const hi = backward.rows.length
        ? Number(backward.rows[backward.rows.length - 1][ROWID])
        : Number.MAX_SAFE_INTEGER;
      let cur = lo + 1;
      let step = 1;
      for (let probes = 0; probes < 400 && cur < hi; probes++) {
        const part = scan(db, `${select} WHERE rowid >= ? ORDER BY rowid LIMIT 500`, [cur]);
        add(part.rows);
        if (part.rows.length > 0) {
          cur = Number(part.rows[part.rows.length - 1][ROWID]) + 1;
          step = 1;
          if (!part.error && part.rows.length < 500) break;
        } else if (part.error) {
          cur += step;
          step = Math.min(step * 2, 1 << 20);
        } else {
          break;
        }
      }
    }
  }
  const rows = [...byKey.values()].map((r) => {
    if (!rowid) return r;
    const { [ROWID]: _drop, ...rest } = r;
    void _drop;
    return rest;
  });
  return { rows, complete: error === null, error };
}

/** The values of `column` that the table's indexes still list (a covering scan reads no table page). */
export function keysFromIndexes(db: Database.Database, table: string, column: string): Set<unknown> {
  const out = new Set<unknown>();
  let indexes: string[] = [];
  try {
    indexes = db
      .prepare<[string], string>("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?")
      .pluck()
      .all(table);
  } catch {
    return out;
  }
  for (const index of indexes) {
    let cols: string[] = [];
    try {
      cols = (db.pragma(`index_info(${quote(index)})`) as Array<{ name: string | null }>).map((c) => c.name ?? '');
    } catch {
      continue;
    }
    if (!cols.includes(column)) continue;
    const found = scan(db, `SELECT ${quote(column)} AS k FROM ${quote(table)} INDEXED BY ${quote(index)}`);
    for (const r of found.rows) if (r.k !== null && r.k !== undefined) out.add(r.k);
  }
  return out;
}
