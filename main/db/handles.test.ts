// STYLE.md "The database": read and write handles are distinguished by type (connection.ts). The `@ts-expect-error`
// lines are checked by `tsc` (npm run typecheck): if a read-only handle ever became acceptable where a write is
// expected, the directive itself would be an error. At run time SQLite refuses the write as well.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type ReadDb, type WriteDb } from './connection';
import { perDb } from './statement-cache';

const reads = perDb((db: ReadDb) => ({ count: db.prepare<[], number>('SELECT count(*) FROM settings').pluck() }));
const writes = perDb((db: WriteDb) => ({
  put: db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?)'),
}));

const countSettings = (db: ReadDb): number => reads(db).count.get() ?? 0;
const putSetting = (db: WriteDb, key: string, value: unknown): void => {
  writes(db).put.run(key, JSON.stringify(value));
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sd-handles-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('read and write handles', () => {
  it('the owner handle reads and writes; the read-only handle reads and is refused a write by type and by SQLite', () => {
    const file = join(dir, 'app.db');
    const owner = openDatabase(file);
    putSetting(owner, 'language', 'zh-CN');
    expect(countSettings(owner)).toBe(1);

    const reader = openDatabase(file, { readOnly: true });
    expect(countSettings(reader)).toBe(1);
    // @ts-expect-error a read-only handle is not a WriteDb
    expect(() => putSetting(reader, 'language', 'en')).toThrow(/readonly/i);
    // Nor does it get the write statements (a type error only: preparing is not writing, so SQLite would allow it).
    // @ts-expect-error a read-only handle is not a WriteDb
    const unreachable = (): unknown => writes(reader);
    expect(typeof unreachable).toBe('function');
    reader.close();
    owner.close();
  });
});
