// The supervision table's column layout and saved views live in SQLite's settings (so they survive restarts), are
// validated by the contract (settings:set), and whatever else is found under their keys reads as the defaults.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileCredentialStore } from './credential-store';
import { createAppSettings } from './app-settings';
import { openDatabase, type Db } from '../db/connection';
import { setSetting } from '../sync/sync-state';
import { MAX_SAVED_VIEWS, settingsPatch, type SavedView } from '../../common/api/contract';

const view = (name: string): SavedView => ({
  name,
  filter: { customerName: '杭州', stage: ['request_pending'] },
  sort: { field: 'amount', dir: 'desc' },
  columns: { widths: { product: 320 }, hidden: ['amount'] },
});

describe('table layout and saved views in the settings', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sd-table-settings-'));
    db = openDatabase(join(dir, 'seller-desk.db'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const settings = () => createAppSettings(db, new FileCredentialStore(join(dir, 'c.json')));

  it('defaults until saved; both persist across instances; an empty list of views clears them', () => {
    expect(settings().view()).toMatchObject({ tableColumns: { widths: {}, hidden: [] }, savedViews: [] });
    const r = settings().apply(
      settingsPatch.parse({
        tableColumns: { widths: { orderNo: 240 }, hidden: ['waiting'] },
        savedViews: [view('Hangzhou requests')],
      }),
    );
    expect(r.connectionChanged).toBe(false);
    expect(settings().view().tableColumns).toEqual({ widths: { orderNo: 240 }, hidden: ['waiting'] });
    expect(settings().view().savedViews).toEqual([view('Hangzhou requests')]);
    settings().apply(settingsPatch.parse({ savedViews: [] }));
    expect(settings().view().savedViews).toEqual([]);
    expect(settings().view().tableColumns?.widths).toEqual({ orderNo: 240 });
  });

  it('the contract refuses widths out of range, odd column ids, two views of one name, too many views, an invalid filter', () => {
    expect(settingsPatch.safeParse({ tableColumns: { widths: { orderNo: 10 }, hidden: [] } }).success).toBe(false);
    expect(settingsPatch.safeParse({ tableColumns: { widths: {}, hidden: ["x'] {}"] } }).success).toBe(false);
    expect(settingsPatch.safeParse({ savedViews: [view('A'), view('a')] }).success).toBe(false);
    expect(
      settingsPatch.safeParse({ savedViews: Array.from({ length: MAX_SAVED_VIEWS + 1 }, (_, i) => view(`v${i}`)) })
        .success,
    ).toBe(false);
    expect(
      settingsPatch.safeParse({ savedViews: [{ ...view('A'), filter: { from: '2025-05-02', to: '2025-05-01' } }] })
        .success,
    ).toBe(false);
    expect(settingsPatch.safeParse({ savedViews: [view('A')] }).success).toBe(true);
  });

  it('whatever else was written under the keys reads as the defaults, or as the views that still parse', () => {
    setSetting(db, 'tableColumns', { widths: { orderNo: 'wide' } });
    setSetting(db, 'savedViews', [view('ok'), { name: '' }, 'junk']);
    expect(settings().view().tableColumns).toEqual({ widths: {}, hidden: [] });
    expect(settings().view().savedViews).toEqual([view('ok')]);
  });
});
