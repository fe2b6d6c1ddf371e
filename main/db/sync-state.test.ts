import { describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { getCursor, getSetting, listRejects, recordReject, setCursor, setSetting } from './sync-state';

describe('sync state (issue 2 item 7)', () => {
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
