// Credentials: a 0600 file written atomically; the SK never in SQLite and never returned.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileCredentialStore } from './credential-store';
import { createAppSettings } from './app-settings';
import { openDatabase, type Db } from '../db/connection';
import { AppError } from '../../common/api/result';

const SK = 'sk-test-0123456789abcdef';

describe('file credential store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sd-cred-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('saves to a 0600 file, loads it back, leaves no temp file, and clears', () => {
    const file = join(dir, 'sub', 'credentials.json');
    const store = new FileCredentialStore(file);
    expect(store.load()).toBeNull();
    store.save({ ak: 'AK1', sk: SK });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(new FileCredentialStore(file).load()).toEqual({ ak: 'AK1', sk: SK });
    store.save({ ak: 'AK2', sk: SK });
    expect(readdirSync(join(dir, 'sub'))).toEqual(['credentials.json']);
    store.clear();
    expect(store.load()).toBeNull();
  });

  it('reads a damaged file as "no credentials"', () => {
    const file = join(dir, 'credentials.json');
    const store = new FileCredentialStore(file);
    writeFileSync(file, '{"ak":"AK1","sk":');
    expect(store.load()).toBeNull();
    writeFileSync(file, '{"ak":"AK1"}');
    expect(store.load()).toBeNull();
  });
});

describe('app settings', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sd-settings-'));
    db = openDatabase(join(dir, 'seller-desk.db'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the AK/SK out of SQLite and never returns the SK (hasSk only)', () => {
    const store = new FileCredentialStore(join(dir, 'credentials.json'));
    const settings = createAppSettings(db, store);
    const { view, connectionChanged } = settings.apply({
      endpoint: 'http://127.0.0.1:9/',
      ak: 'AKSELLER',
      sk: SK,
      waitingThresholdDays: 7,
    });
    expect(connectionChanged).toBe(true);
    expect(view).toEqual({
      endpoint: 'http://127.0.0.1:9',
      ak: 'AKSELLER',
      hasSk: true,
      syncIntervalMinutes: 15,
      language: 'en',
      waitingThresholdDays: 7,
      theme: 'system',
      cannedReasons: [],
      tableColumns: { widths: {}, hidden: [] },
      savedViews: [],
    });
    expect(JSON.stringify(view)).not.toContain(SK);
    db.pragma('wal_checkpoint(TRUNCATE)');
    for (const f of readdirSync(dir).filter((n) => n.startsWith('seller-desk.db'))) {
      const bytes = readFileSync(join(dir, f)).toString('latin1');
      expect(bytes).not.toContain(SK);
      expect(bytes).not.toContain('AKSELLER');
    }
    expect(settings.connection()).toEqual({ endpoint: 'http://127.0.0.1:9', credentials: { ak: 'AKSELLER', sk: SK } });
  });

  it('changing only the AK keeps the SK; clearing either disconnects; an SK without an AK is refused', () => {
    const settings = createAppSettings(db, new FileCredentialStore(join(dir, 'c.json')));
    expect(() => settings.apply({ sk: SK })).toThrow(AppError);
    settings.apply({ endpoint: 'https://market.example', ak: 'A1', sk: SK });
    expect(settings.apply({ ak: 'A2' }).view).toMatchObject({ ak: 'A2', hasSk: true });
    expect(settings.apply({ language: 'zh-CN' }).connectionChanged).toBe(false);
    expect(settings.apply({ sk: null }).view).toMatchObject({ ak: null, hasSk: false });
    expect(settings.connection()).toBeNull();
    expect(() => settings.apply({ endpoint: 'ftp://x.example' })).toThrow(/http/);
  });
});
