// Sync bookkeeping (issue 2 item 7): feed cursors, non-secret settings, rejected feed items.
// Credentials (SK) never go in here (issue 2 item 11).
import type { Db } from './connection';
import { perDb } from './statement-cache';

export interface SyncReject {
  id: number;
  feed: string;
  /** The item as received (JSON parsed), for inspection. */
  item: unknown;
  error: string;
  at: number;
}

const statements = perDb((db) => ({
  getCursor: db.prepare<[string], { cursor: string | null }>('SELECT cursor FROM sync_cursors WHERE feed = ?'),
  setCursor: db.prepare<[string, string | null, number]>(
    'INSERT INTO sync_cursors (feed, cursor, updated_at) VALUES (?, ?, ?) ON CONFLICT (feed) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at',
  ),
  reject: db.prepare<[string, string, string, number]>('INSERT INTO sync_rejects (feed, item_json, error, at) VALUES (?, ?, ?, ?)'),
  rejects: db.prepare<[number], { id: number; feed: string; item_json: string; error: string; at: number }>(
    'SELECT id, feed, item_json, error, at FROM sync_rejects ORDER BY at DESC, id DESC LIMIT ?',
  ),
  getSetting: db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck(),
  setSetting: db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  deleteSetting: db.prepare<[string]>('DELETE FROM settings WHERE key = ?'),
}));

/** The stored cursor of a feed; null when the feed starts from the beginning. */
export function getCursor(db: Db, feed: string): string | null {
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

/** A malformed feed item: reported and skipped, never fatal (issue 2 item 7). */
export function recordReject(db: Db, feed: string, item: unknown, error: string, at: number): void {
  statements(db).reject.run(feed, toJson(item), error, at);
}

export function listRejects(db: Db, limit = 100): SyncReject[] {
  return statements(db)
    .rejects.all(Math.max(1, Math.trunc(limit)))
    .map((r) => ({ id: r.id, feed: r.feed, item: JSON.parse(r.item_json) as unknown, error: r.error, at: r.at }));
}

/** A non-secret setting (JSON value); undefined when never set. The caller knows the type it stored. */
export function getSetting<T>(db: Db, key: string): T | undefined {
  const v = statements(db).getSetting.get(key);
  return v === undefined ? undefined : (JSON.parse(v) as T);
}

/** Stores a non-secret setting; `undefined` removes it. */
export function setSetting(db: Db, key: string, value: unknown): void {
  if (value === undefined) statements(db).deleteSetting.run(key);
  else statements(db).setSetting.run(key, JSON.stringify(value));
}
