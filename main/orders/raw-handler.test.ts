// orders:raw: the marketplace's JSON of order lines exactly as stored (the CLI's `--json`), through dispatch so the
// contract's limits hold; a text that no longer parses is left out and reported as the row problem it is.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ORDERS_RAW_MAX, type OrderLinesRaw } from '../../common/api/contract';
import { dispatch, type Handlers } from '../api/dispatch';
import { openDatabase, type Db } from '../db/connection';
import { rowProblems } from '../db/row-problems';
import { FileCredentialStore } from '../settings/credential-store';
import { createAppSettings } from '../settings/app-settings';
import { createOrdersHandlers } from './handlers';
import { upsertOrderLines } from './order-lines';
import { makeLine } from './testing/order-line-fixture';

let dir: string;
let db: Db;
const A = 'CS2504011200AAAAA-000001';
const B = 'CS2504011200BBBBB-000001';

/** Stores `text` as line `orderLineId`'s raw JSON, as a sync that received it byte for byte would have. */
const setRaw = (orderLineId: string, text: string): void => {
  db.prepare(
    'UPDATE order_line_raw SET raw_json = ? WHERE id = (SELECT id FROM order_lines WHERE order_line_id = ?)',
  ).run(text, orderLineId);
};

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sd-orders-raw-'));
  db = openDatabase(':memory:');
  upsertOrderLines(db, [makeLine({ orderId: 'CS2504011200AAAAA' }), makeLine({ orderId: 'CS2504011200BBBBB' })]);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function raw(input: unknown): Promise<Awaited<ReturnType<typeof dispatch>>> {
  const settings = createAppSettings(db, new FileCredentialStore(path.join(dir, 'c.json')));
  const handlers = createOrdersHandlers({ db, clock: { now: () => 0 }, settings }) as Handlers;
  return dispatch(handlers, 'orders:raw', input);
}

describe('orders:raw', () => {
  it('answers the stored texts as they are (spacing, field order), in the order asked, and names the lines not cached', async () => {
    const text = '{ "orderLineId": "CS2504011200AAAAA-000001",\n  "zeta": 1, "alpha": [ ] }';
    setRaw(A, text);
    const r = await raw({ orderLineIds: ['NOPE', A, B] });
    expect(r.ok).toBe(true);
    const value = (r.ok ? r.value : null) as OrderLinesRaw;
    expect(value.lines.map((l) => l.orderLineId)).toEqual([A, B]);
    expect(value.lines[0].rawJson).toBe(text);
    expect(JSON.parse(value.lines[1].rawJson)).toMatchObject({ orderLineId: B });
    expect(value.missing).toEqual(['NOPE']);
    expect(value.damaged).toEqual([]);
  });

  it('leaves a damaged text out and reports it as a row problem', async () => {
    setRaw(B, '{"orderLineId": "CS25');
    const r = await raw({ orderLineIds: [A, B] });
    const value = (r.ok ? r.value : null) as OrderLinesRaw;
    expect(value.lines.map((l) => l.orderLineId)).toEqual([A]);
    const problem = { table: 'order_line_raw', id: B, column: 'raw_json' };
    expect(value.damaged).toEqual([problem]);
    expect(rowProblems(db)).toEqual([problem]);
  });

  it(`refuses an empty list and more than ${ORDERS_RAW_MAX} ids as validation`, async () => {
    expect(await raw({ orderLineIds: [] })).toMatchObject({ ok: false, error: { code: 'validation' } });
    const tooMany = Array.from({ length: ORDERS_RAW_MAX + 1 }, (_, i) => `L${i}`);
    expect(await raw({ orderLineIds: tooMany })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringContaining(`at most ${ORDERS_RAW_MAX}`) },
    });
    expect(await raw({ orderLineIds: [A], extra: true })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});
