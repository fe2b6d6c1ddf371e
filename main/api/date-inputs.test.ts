// An impossible date (2025-13-45, 30 February) in a date input is a `validation` error naming the field — for the
// channel (orders:list from/to, docs/architecture.md "The API contract") and for the command line (`--from`, exit 2) —
// never an `internal` failure further in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../common/domain/time';
import { createServices, type Services } from '../services';
import { MemoryCredentialStore } from '../settings/credential-store';
import { lines, run } from '../cli/testing/support';
import { dispatch } from './dispatch';

let dir: string;
let services: Services;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sd-dates-'));
  services = createServices({ dataDir: dir, credentialStore: new MemoryCredentialStore() });
});
afterAll(async () => {
  await services?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('date inputs', () => {
  it('isCalendarDate: real days only (leap years included)', () => {
    expect(['2025-01-31', '2024-02-29', '2000-02-29', '2025-12-31'].filter(isCalendarDate)).toHaveLength(4);
    expect(
      ['2025-13-45', '2025-02-29', '1900-02-29', '2025-04-31', '2025-00-10', '2025-1-1', '2025-01-01T00:00'].filter(
        isCalendarDate,
      ),
    ).toEqual([]);
  });

  it('orders:list with from 2025-13-45 or to 2025-02-30 → validation naming the field', async () => {
    for (const [field, value] of [
      ['from', '2025-13-45'],
      ['to', '2025-02-30'],
    ] as const) {
      const r = await dispatch(services.handlers, 'orders:list', { [field]: value });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('validation');
      expect(r.error.message).toMatch(new RegExp(`^${field}: not a calendar date`));
    }
    const good = await dispatch(services.handlers, 'orders:list', { from: '2024-02-29', to: '2024-03-01' });
    expect(good.ok).toBe(true);
  });

  it('seller-desk orders list --from 2025-13-45 → exit 2 naming --from, nothing opened', async () => {
    const r = await run(['orders', 'list', '--from', '2025-13-45', '--data-dir', join(dir, 'cli')]);
    expect(r.code).toBe(2);
    const err = lines(r.stderr);
    expect(err[0]).toBe(
      'seller-desk: --from: not a calendar date: the month must be 01–12 and the day one that month has',
    );
    expect(err[1]).toMatch(/^usage: seller-desk orders list/);
  });
});
