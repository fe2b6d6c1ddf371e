import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations/index';
import {
  countRejects,
  getCursor,
  getSetting,
  listRejects,
  MAX_REJECTS,
  recordReject,
  REJECT_ITEM_MAX_BYTES,
  setCursor,
  setSetting,
} from './sync-state';

describe('sync state', () => {
  it('a feed cursor starts null, is stored, replaced, and reset to null (410 restarts the feed)', () => {
    const db = openDatabase(':memory:');
    expect(getCursor(db, 'order-lines')).toBeNull();
    setCursor(db, 'order-lines', 'c1', 1);
    setCursor(db, 'bills', 'b9', 1);
    setCursor(db, 'order-lines', 'c2', 2);
    expect(getCursor(db, 'order-lines')).toBe('c2');
    expect(getCursor(db, 'bills')).toBe('b9');
    setCursor(db, 'order-lines', null, 3);
    expect(getCursor(db, 'order-lines')).toBeNull();
  });

  it('a cursor written in a rolled-back page transaction is not kept', () => {
    const db = openDatabase(':memory:');
    setCursor(db, 'order-lines', 'c1', 1);
    expect(() =>
      db.transaction(() => {
        setCursor(db, 'order-lines', 'c2', 2);
        throw new Error('page failed');
      })(),
    ).toThrow();
    expect(getCursor(db, 'order-lines')).toBe('c1');
  });

  it('malformed feed items are kept for inspection, newest first, whatever they are', () => {
    const db = openDatabase(':memory:');
    recordReject(db, 'order-lines', { orderId: 1 }, 'orderId: expected string', 10);
    recordReject(db, 'order-lines', 'not an object', 'expected object', 20);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    recordReject(db, 'order-lines', cyclic, 'cyclic', 30);
    const r = listRejects(db, 10);
    expect(r.map((x) => x.at)).toEqual([30, 20, 10]);
    expect(r[1].item).toBe('not an object');
    expect(r[2]).toMatchObject({ feed: 'order-lines', item: { orderId: 1 }, error: 'orderId: expected string' });
    expect(listRejects(db, 1)).toHaveLength(1);
  });

  it('a reject received again is kept once (feed + content), counted; a huge item is cut; only the newest MAX_REJECTS stay', () => {
    const db = openDatabase(':memory:');
    const item = { orderLineId: 'CS1-000001', version: 3, amount: '12.5' };
    recordReject(db, 'order-lines', item, 'amount: expected two decimals', 10);
    recordReject(db, 'order-lines', { ...item }, 'amount: expected two decimals', 20);
    recordReject(db, 'bills', item, 'another feed', 30);
    const [bills, lines] = listRejects(db, 10);
    expect(lines).toMatchObject({ feed: 'order-lines', itemId: 'CS1-000001 v3', times: 2, firstAt: 10, at: 20 });
    expect(bills).toMatchObject({ feed: 'bills', times: 1 });
    recordReject(
      db,
      'order-lines',
      { billId: 'B1', revision: 2, pad: 'x'.repeat(REJECT_ITEM_MAX_BYTES * 2) },
      'too big',
      40,
    );
    const big = listRejects(db, 1)[0];
    expect(big.itemId).toBe('B1 rev 2');
    expect(big.item).toMatchObject({ truncatedFromBytes: expect.any(Number) });
    expect(JSON.stringify(big.item).length).toBeLessThan(REJECT_ITEM_MAX_BYTES + 200);
    db.transaction(() => {
      for (let i = 0; i < MAX_REJECTS + 20; i++) recordReject(db, 'order-lines', { n: i }, 'bad', 100 + i);
    })();
    expect(countRejects(db)).toBe(MAX_REJECTS);
    expect(listRejects(db, 1)[0].item).toEqual({ n: MAX_REJECTS + 19 });
  });

  it('migration 0080: a populated database at 0070 keeps its rejects, the same item stored again and again becomes one counted row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-rejects-migrate-'));
    try {
      const file = join(dir, 'a.db');
      // A database as an older app (schema 70) left it, with a reject stored again on every run.
      const raw = new Database(file);
      migrate(
        raw,
        MIGRATIONS.filter((m) => m.version <= 70),
      );
      const insert = raw.prepare('INSERT INTO sync_rejects (feed, item_json, error, at) VALUES (?, ?, ?, ?)');
      for (const at of [1, 2, 3])
        insert.run('order-lines', '{"orderLineId":"CS1-000001","version":3}', 'amount: bad', at);
      insert.run('bills', '42', 'expected object', 4);
      expect(migrate(raw, MIGRATIONS)).toMatchObject({ from: 70 });
      raw.close();
      const db = openDatabase(file);
      const rejects = listRejects(db, 10);
      expect(rejects).toHaveLength(2);
      expect(rejects[0]).toMatchObject({ feed: 'bills', item: 42, itemId: null, times: 1 });
      expect(rejects[1]).toMatchObject({ feed: 'order-lines', itemId: 'CS1-000001', times: 3, firstAt: 1, at: 3 });
      // New rejects go beside the migrated ones.
      recordReject(db, 'order-lines', { orderLineId: 'CS1-000001', version: 3 }, 'amount: bad', 5);
      expect(countRejects(db)).toBe(3);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('settings are JSON values; undefined removes one', () => {
    const db = openDatabase(':memory:');
    expect(getSetting<number>(db, 'sync.intervalMinutes')).toBeUndefined();
    setSetting(db, 'sync.intervalMinutes', 15);
    setSetting(db, 'ui', { language: 'zh-CN' });
    expect(getSetting<number>(db, 'sync.intervalMinutes')).toBe(15);
    expect(getSetting<{ language: string }>(db, 'ui')).toEqual({ language: 'zh-CN' });
    setSetting(db, 'ui', undefined);
    expect(getSetting(db, 'ui')).toBeUndefined();
  });
});
