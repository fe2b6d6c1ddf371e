// The seller's saved reject reasons (Settings → Saved reject reasons): none until saved, persisted in SQLite as the
// whole list, each reason validated by the contract like a reject reason (1–2000 characters, docs/marketplace-api.md).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileCredentialStore } from './credential-store';
import { createAppSettings } from './app-settings';
import { openDatabase, type Db } from '../db/connection';
import { setSetting } from '../sync/sync-state';
import { MAX_CANNED_REASONS, settingsPatch } from '../../common/api/contract';

describe('saved reject reasons', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sd-canned-'));
    db = openDatabase(join(dir, 'seller-desk.db'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('none until saved; the list persists across instances, an empty list clears it, the connection is untouched', () => {
    const store = new FileCredentialStore(join(dir, 'c.json'));
    expect(createAppSettings(db, store).view().cannedReasons).toEqual([]);
    const { view, connectionChanged } = createAppSettings(db, store).apply({
      cannedReasons: ['缺少部署环境 / no environment given', 'Out of scope'],
    });
    expect(view.cannedReasons).toEqual(['缺少部署环境 / no environment given', 'Out of scope']);
    expect(connectionChanged).toBe(false);
    expect(createAppSettings(db, store).view().cannedReasons).toEqual([
      '缺少部署环境 / no environment given',
      'Out of scope',
    ]);
    expect(createAppSettings(db, store).apply({ cannedReasons: [] }).view.cannedReasons).toEqual([]);
  });

  it('whatever else was written under the key reads as none, or as its non-empty strings', () => {
    const store = new FileCredentialStore(join(dir, 'c.json'));
    setSetting(db, 'cannedReasons', 'not a list');
    expect(createAppSettings(db, store).view().cannedReasons).toEqual([]);
    setSetting(db, 'cannedReasons', ['ok', 3, '', '  ']);
    expect(createAppSettings(db, store).view().cannedReasons).toEqual(['ok']);
  });

  it('the contract trims each reason and refuses an empty one, one over 2000 characters and too many', () => {
    expect(settingsPatch.parse({ cannedReasons: ['  trimmed  '] })).toEqual({ cannedReasons: ['trimmed'] });
    expect(settingsPatch.safeParse({ cannedReasons: ['   '] }).success).toBe(false);
    expect(settingsPatch.safeParse({ cannedReasons: ['字'.repeat(2000)] }).success).toBe(true); // characters, not UTF-16 units
    expect(settingsPatch.safeParse({ cannedReasons: ['x'.repeat(2001)] }).success).toBe(false);
    expect(
      settingsPatch.safeParse({ cannedReasons: Array.from({ length: MAX_CANNED_REASONS + 1 }, (_, i) => `r${i}`) })
        .success,
    ).toBe(false);
  });
});
