// The colour theme setting (Settings → Appearance): 'system' until chosen, persisted in SQLite, validated by the
// contract.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileCredentialStore } from './credential-store';
import { createAppSettings } from './app-settings';
import { openDatabase, type Db } from '../db/connection';
import { setSetting } from '../sync/sync-state';
import { settingsPatch } from '../../common/api/contract';

describe('theme setting', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sd-theme-'));
    db = openDatabase(join(dir, 'seller-desk.db'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("defaults to 'system', persists a choice across instances, and does not touch the connection", () => {
    const store = new FileCredentialStore(join(dir, 'c.json'));
    expect(createAppSettings(db, store).view().theme).toBe('system');
    const { view, connectionChanged } = createAppSettings(db, store).apply({ theme: 'dark' });
    expect(view.theme).toBe('dark');
    expect(connectionChanged).toBe(false);
    expect(createAppSettings(db, store).view().theme).toBe('dark');
  });

  it('reads a broken stored value as system; the contract accepts only system / light / dark', () => {
    setSetting(db, 'theme', 'purple');
    expect(createAppSettings(db, new FileCredentialStore(join(dir, 'c.json'))).view().theme).toBe('system');
    expect(settingsPatch.safeParse({ theme: 'light' }).success).toBe(true);
    expect(settingsPatch.safeParse({ theme: 'purple' }).success).toBe(false);
  });
});
