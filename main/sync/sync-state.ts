// Sync bookkeeping: feed cursors, non-secret settings, rejected feed items.
// Credentials (SK) never go in here.
import { createHash } from 'node:crypto';
import type { Db, ReadDb } from '../db/connection';
import { perDb } from '../db/statement-cache';
import { mapReadable, reportRowProblem, storedJson, StoredJsonError } from '../db/row-problems';

export interface SyncReject {
  id: number;
  feed: string;
  /** The item as received (JSON parsed), for inspection; past REJECT_ITEM_MAX_BYTES `{ truncatedFromBytes, head }`. */
  item: unknown;
  /** The order line or bill it names (with its version/revision), when it names one. */
  itemId: string | null;
  error: string;
  /** When it was last received. */
  at: number;
  /** When it was first received, and how often since. */
  firstAt: number;
  times: number;
}

/** docs/architecture.md "Security": of a rejected item, at most this much of its JSON is kept. */
export const REJECT_ITEM_MAX_BYTES = 64 * 1024;
/** The reason is our own text, but names the item's (server-chosen) keys: bounded too. */
const REJECT_ERROR_MAX_CHARS = 4_000;
/** The most recent rejects kept; older ones go (a feed full of broken items cannot fill the disk). */
export const MAX_REJECTS = 1_000;

const statements = perDb((db) => ({
  getCursor: db.prepare<[string], { cursor: string | null }>('SELECT cursor FROM sync_cursors WHERE feed = ?'),
  setCursor: db.prepare<[string, string | null, number]>(
    'INSERT INTO sync_cursors (feed, cursor, updated_at) VALUES (?, ?, ?) ON CONFLICT (feed) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at',
  ),
  // The same item received again (feed + key) is one row: counted, its reason and time refreshed.
  reject: db.prepare<[string, string, string | null, string, string, number, number]>(
    `INSERT INTO sync_rejects (feed, item_key, item_id, item_json, error, at, first_at, times) VALUES (?, ?, ?, ?, ?, ?, ?, 1)
     ON CONFLICT (feed, item_key) DO UPDATE SET error = excluded.error, at = excluded.at, times = times + 1`,
  ),
  pruneRejects: db.prepare<[number]>(
    'DELETE FROM sync_rejects WHERE id IN (SELECT id FROM sync_rejects ORDER BY at DESC, id DESC LIMIT -1 OFFSET ?)',
  ),
  rejects: db.prepare<
    [number],
    {
      id: number;
      feed: string;
      item_id: string | null;
      item_json: string;
      error: string;
      at: number;
      first_at: number | null;
      times: number;
    }
  >(
    'SELECT id, feed, item_id, item_json, error, at, first_at, times FROM sync_rejects ORDER BY at DESC, id DESC LIMIT ?',
  ),
  countRejects: db.prepare<[], number>('SELECT count(*) FROM sync_rejects').pluck(),
  getSetting: db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck(),
  setSetting: db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ),
  deleteSetting: db.prepare<[string]>('DELETE FROM settings WHERE key = ?'),
}));

/** The stored cursor of a feed; null when the feed starts from the beginning. */
export function getCursor(db: ReadDb, feed: string): string | null {
  return statements(db).getCursor.get(feed)?.cursor ?? null;
}

/** Stores a feed's cursor (null restarts it, e.g. after 410). Call it in the transaction that stored the page. */
export function setCursor(db: Db, feed: string, cursor: string | null, at: number = Date.now()): void {
  statements(db).setCursor.run(feed, cursor, at);
}

function toJson(item: unknown): string {
  try {
    return JSON.stringify(item) ?? 'null';
  } catch {
    return JSON.stringify(String(item));
  }
}

/** The order line or bill an item names, with its version or revision ("CS…-000001 v7", "B202504-0001 rev 2"). */
function itemIdOf(item: unknown): string | null {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return null;
  const o = item as Record<string, unknown>;
  const id = typeof o.orderLineId === 'string' ? o.orderLineId : typeof o.billId === 'string' ? o.billId : null;
  if (id === null) return null;
  const ver =
    typeof o.version === 'number' ? ` v${o.version}` : typeof o.revision === 'number' ? ` rev ${o.revision}` : '';
  return `${id.slice(0, 100)}${ver}`;
}

/**
 * A malformed feed item: reported and skipped, never fatal. Kept once per feed and content (a
 * re-fetched reject is counted, not stored again), at most REJECT_ITEM_MAX_BYTES of it, the MAX_REJECTS most recent.
 */
export function recordReject(db: Db, feed: string, item: unknown, error: string, at: number): void {
  const json = toJson(item);
  const bytes = Buffer.from(json, 'utf8');
  const key = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const kept =
    bytes.length <= REJECT_ITEM_MAX_BYTES
      ? json
      : JSON.stringify({
          truncatedFromBytes: bytes.length,
          head: bytes.subarray(0, REJECT_ITEM_MAX_BYTES).toString('utf8'),
        });
  const reason = error.length > REJECT_ERROR_MAX_CHARS ? `${error.slice(0, REJECT_ERROR_MAX_CHARS)}…` : error;
  const s = statements(db);
  s.reject.run(feed, key, itemIdOf(item), kept, reason, at, at);
  if ((s.countRejects.get() ?? 0) > MAX_REJECTS) s.pruneRejects.run(MAX_REJECTS);
}

export function countRejects(db: ReadDb): number {
  return statements(db).countRejects.get() ?? 0;
}

export function listRejects(db: ReadDb, limit = 100): SyncReject[] {
  return mapReadable(db, statements(db).rejects.all(Math.max(1, Math.trunc(limit))), (r) => ({
    id: r.id,
    feed: r.feed,
    item: storedJson(r.item_json, 'sync_rejects', r.id, 'item_json'),
    itemId: r.item_id,
    error: r.error,
    at: r.at,
    firstAt: r.first_at ?? r.at,
    times: r.times,
  }));
}

/**
 * A non-secret setting (JSON value); undefined when never set. The caller knows the type it stored. A damaged value
 * is reported (row-problems.ts) and read as unset, so the default applies instead of every settings read failing.
 */
export function getSetting<T>(db: ReadDb, key: string): T | undefined {
  const v = statements(db).getSetting.get(key);
  if (v === undefined) return undefined;
  try {
    return storedJson<T>(v, 'settings', key, 'value');
  } catch (err) {
    if (!(err instanceof StoredJsonError)) throw err;
    reportRowProblem(db, err.problem);
    return undefined;
  }
}

/** Stores a non-secret setting; `undefined` removes it. */
export function setSetting(db: Db, key: string, value: unknown): void {
  if (value === undefined) statements(db).deleteSetting.run(key);
  else statements(db).setSetting.run(key, JSON.stringify(value));
}
