import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations/index';
import { getTemplate, listTemplateVersions, noteTemplateRefs, saveTemplate, templatesToFetch } from './templates';

const tpl = (productId: string, templateVersion: number) => ({
  productId,
  templateVersion,
  items: [{ key: 'scope', title: 'Scope', required: true, kind: 'text' as const }],
});

function fresh() {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  return db;
}

describe('0030-delivery-templates migration', () => {
  it('migrates a populated database (order lines and cursors at schema 20 survive; template tables appear)', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 20),
    );
    db.prepare("INSERT INTO sync_cursors (feed, cursor, updated_at) VALUES ('order-lines', 'abc', 1)").run();
    db.prepare("INSERT INTO settings (key, value) VALUES ('syncIntervalMinutes', '5')").run();
    migrate(db, MIGRATIONS);
    expect(schemaVersion(db)).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    expect(db.prepare('SELECT cursor FROM sync_cursors').pluck().get()).toBe('abc');
    saveTemplate(db, { template: tpl('P', 1), etag: '"e1"', raw: tpl('P', 1), fetchedAt: 5 });
    expect(getTemplate(db, 'P')?.etag).toBe('"e1"');
  });
});

describe('templates repository (docs/rules.md P1: versioned, all versions kept)', () => {
  it('keeps every version by (product_id, template_version); latest by default; re-saving a version refreshes it', () => {
    const db = fresh();
    saveTemplate(db, { template: tpl('P', 2), etag: '"a"', raw: { ...tpl('P', 2), extra: true }, fetchedAt: 1 });
    saveTemplate(db, { template: tpl('P', 1), etag: '"b"', raw: tpl('P', 1), fetchedAt: 2 });
    saveTemplate(db, { template: tpl('P', 2), etag: '"c"', raw: tpl('P', 2), fetchedAt: 3 });
    expect(listTemplateVersions(db, 'P')).toEqual([1, 2]);
    expect(getTemplate(db, 'P')).toMatchObject({ templateVersion: 2, etag: '"c"', fetchedAt: 3 });
    expect(getTemplate(db, 'P', 1)?.etag).toBe('"b"');
    expect(getTemplate(db, 'P', 9)).toBeNull();
    expect(getTemplate(db, 'nope')).toBeNull();
  });

  it('templatesToFetch: products whose referenced version is newer than the cached one, or none cached', () => {
    const db = fresh();
    noteTemplateRefs(db, [
      { productId: 'A', templateVersion: 1 },
      { productId: 'A', templateVersion: 3 },
      { productId: 'B', templateVersion: 2 },
      { productId: 'C', templateVersion: null },
      { productId: 'D', templateVersion: 1 },
    ]);
    noteTemplateRefs(db, [{ productId: 'A', templateVersion: 2 }]); // never lowers the wanted version
    saveTemplate(db, { template: tpl('A', 2), etag: '"a2"', raw: null, fetchedAt: 1 });
    saveTemplate(db, { template: tpl('B', 2), etag: '"b2"', raw: null, fetchedAt: 1 });
    expect(templatesToFetch(db)).toEqual([
      { productId: 'A', wantedVersion: 3, cachedVersion: 2, etag: '"a2"' },
      { productId: 'D', wantedVersion: 1, cachedVersion: null, etag: null },
    ]);
  });
});
