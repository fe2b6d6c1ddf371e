// Test data for the backup, check and recovery tests (docs/architecture.md "Data"): a profile with cached order lines,
// settings and cursors, attachments in files/, delivery-proof drafts, queued and acknowledged outbox items and a bill —
// some made before a daily backup (phase A), some after it (phase B). Built once per test file, then copied per case:
//  - `clean`: the database closed normally (everything checkpointed into the file);
//  - `crashed`: the files as a crash leaves them after phase B (its commits still in the -wal, the -shm beside it).
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../db/connection';
import { makeBackup } from '../backup';
import { upsertOrderLines } from '../../orders/order-lines';
import { openProfileDatabase } from '../profile-db';
import { setCursor, setSetting } from '../../sync/sync-state';
import { profilePaths, type ProfilePaths } from '../../settings/paths';
import { makeLine } from '../../orders/testing/order-line-fixture';

export interface SeededItem {
  id: string;
  orderLineId: string;
  /** A draft's label, an action's kind. */
  name: string;
  phase: 'A' | 'B';
}

export interface ProfileFixture {
  /** Data folders to copy: `clean` and `crashed`. */
  clean: string;
  crashed: string;
  drafts: SeededItem[];
  actions: SeededItem[];
  attachments: string[];
  orderLineIds: string[];
  /** A marker inside stored JSON, to find the bytes of one row in the file: key → text. */
  markers: { orderLine: string; outbox: string; draft: string };
}

const ORDER_ID = (n: number): string => `CSFX${String(n).padStart(8, '0')}`;

let seq = 0;
function addAction(db: Db, item: SeededItem, state: 'queued' | 'acked', payload: unknown, now: number): void {
  seq += 1;
  db.prepare(
    `INSERT INTO outbox (id, seq, order_line_id, kind, payload_json, idempotency_key, request_json, state, attempts, next_attempt_at, created_at, updated_at, acked_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`,
  ).run(
    item.id,
    seq,
    item.orderLineId,
    item.name,
    JSON.stringify(payload),
    `key-${item.id}`,
    state,
    state === 'acked' ? 1 : 0,
    now,
    now,
    now,
    state === 'acked' ? now : null,
  );
  db.prepare('INSERT INTO outbox_log (outbox_id, at, event, detail_json) VALUES (?, ?, ?, ?)').run(
    item.id,
    now,
    'enqueued',
    JSON.stringify({ kind: item.name }),
  );
  if (state === 'queued') {
    db.prepare(
      'INSERT INTO outbox_pending (outbox_id, order_line_id, kind, expected_stage, opens_appeal, created_at) VALUES (?, ?, ?, NULL, 0, ?)',
    ).run(item.id, item.orderLineId, item.name, now);
  }
}

function addDraft(
  db: Db,
  item: SeededItem,
  content: Record<string, string>,
  attachments: unknown[],
  now: number,
): void {
  db.prepare(
    `INSERT INTO proof_drafts (id, order_line_id, product_id, template_version, label, content_json, enabling_time, attachments_json, state, conflict_json,
       base_stage, base_status, outbox_id, revision, created_at, updated_at)
     VALUES (?, ?, 'OFFI-MIGRATION', 3, ?, ?, NULL, ?, 'editing', NULL, 'awaiting_delivery', 'PROCESSING', NULL, 1, ?, ?)`,
  ).run(item.id, item.orderLineId, item.name, JSON.stringify(content), JSON.stringify(attachments), now, now);
  db.prepare('INSERT INTO proof_draft_log (draft_id, at, event, detail_json) VALUES (?, ?, ?, ?)').run(
    item.id,
    now,
    'created',
    JSON.stringify({ templateVersion: 3 }),
  );
}

function addAttachment(paths: ProfilePaths, db: Db, bytes: Buffer, name: string, now: number): string {
  const sha = createHash('sha256').update(bytes).digest('hex');
  mkdirSync(path.join(paths.dir, 'files'), { recursive: true });
  writeFileSync(path.join(paths.dir, 'files', sha), bytes);
  db.prepare('INSERT INTO attachments (sha256, size, content_type, names_json, created_at) VALUES (?, ?, ?, ?, ?)').run(
    sha,
    bytes.length,
    'application/pdf',
    JSON.stringify([name]),
    now,
  );
  return sha;
}

function addBill(db: Db, billId: string, orderLineIds: string[], now: number): void {
  const raw = JSON.stringify({
    billId,
    revision: 1,
    lines: orderLineIds.map((id) => ({ orderLineId: id, settlementAmount: '800.00' })),
  });
  db.prepare(
    `INSERT INTO bill_revisions (bill_id, revision, billing_period, currency, status, generated_at, settlement_minor, refund_deductions_minor,
       deposit_deductions_minor, owed_by_seller_minor, net_payable_minor, line_count, raw_json, received_at)
     VALUES (?, 1, '202504', 'CNY', 'PENDING_APPROVAL', ?, ?, 0, 0, 0, ?, ?, ?, ?)`,
  ).run(billId, now, 80_000 * orderLineIds.length, 80_000 * orderLineIds.length, orderLineIds.length, raw, now);
  orderLineIds.forEach((id, i) => {
    db.prepare(
      `INSERT INTO bill_lines (bill_id, revision, line_no, order_id, order_line_id, kind, attributed_at, sales_minor, withholding_minor, fee_ratio, seller_taxes_minor, settlement_minor)
       VALUES (?, 1, ?, ?, ?, 'purchase', ?, 100000, 0, '0.20', 0, 80000)`,
    ).run(billId, i + 1, id.slice(0, 12), id, now);
  });
}

/** Copies a fixture data folder into a new temp folder; returns the new data folder. */
export function copyDataDir(from: string, prefix = 'sd-case-'): string {
  const to = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(from, to, { recursive: true });
  return to;
}

/** Builds the fixture (a few hundred ms): `lines` order lines, 3 drafts and 3 actions per phase. */
export async function buildProfileFixture(lines = 120): Promise<ProfileFixture> {
  const root = mkdtempSync(path.join(tmpdir(), 'sd-fixture-'));
  const live = path.join(root, 'live');
  const paths = profilePaths(live, false);
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const db = openProfileDatabase(paths);
  db.pragma('wal_autocheckpoint = 0'); // phase B stays in the -wal for the `crashed` copy
  const now = Date.UTC(2025, 3, 7, 3, 0, 0);
  const marker = (what: string): string => `FIXTURE-${what}-${'x'.repeat(160)}`;
  const markers = { orderLine: marker('ORDERLINE'), outbox: marker('OUTBOX'), draft: marker('DRAFT') };

  const orderLineIds: string[] = [];
  const wire = Array.from({ length: lines }, (_, i) => {
    const line = makeLine({
      orderId: ORDER_ID(i + 1),
      stage: 'awaiting_delivery',
      productName: i === 7 ? markers.orderLine : `迁移服务 ${i % 9}`,
    });
    orderLineIds.push(line.orderLineId);
    return line;
  });
  upsertOrderLines(db, wire);
  setSetting(db, 'endpoint', 'http://127.0.0.1:9');
  setSetting(db, 'language', 'zh-CN');
  setCursor(db, 'order-lines', 'cursor-orders-1', now);
  setCursor(db, 'bills', 'cursor-bills-1', now);

  const attachments = [
    addAttachment(paths, db, Buffer.from(`%PDF-1.4 letter A ${'a'.repeat(300)}`), 'letter.pdf', now),
  ];
  const drafts: SeededItem[] = [];
  const actions: SeededItem[] = [];
  const phase = (p: 'A' | 'B', at: number): void => {
    for (let i = 0; i < 3; i++) {
      const d: SeededItem = {
        id: `draft-${p}${i}`,
        orderLineId: orderLineIds[10 + i + (p === 'B' ? 3 : 0)],
        name: `Proof ${p}${i}`,
        phase: p,
      };
      addDraft(
        db,
        d,
        { summary: i === 1 && p === 'A' ? markers.draft : `deployed ${p}${i}`, notes: 'y'.repeat(200) },
        i === 0 ? [{ sha256: attachments[0], category: 'other', fileName: 'letter.pdf' }] : [],
        at,
      );
      drafts.push(d);
      const a: SeededItem = {
        id: `action-${p}${i}`,
        orderLineId: orderLineIds[20 + i + (p === 'B' ? 3 : 0)],
        name: i === 2 ? 'appeal' : 'request.accept',
        phase: p,
      };
      const payload =
        a.name === 'appeal'
          ? { reason: i === 2 && p === 'A' ? markers.outbox : `silent ${p}${i}`, unreachable: false, attachments: [] }
          : {};
      addAction(db, a, i === 1 ? 'acked' : 'queued', payload, at);
      actions.push(a);
    }
  };
  db.transaction(() => {
    phase('A', now);
    addBill(db, 'B202504-0001', orderLineIds.slice(30, 34), now);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  await makeBackup(db, paths.dir, { reason: 'daily', now: now + 1000 });
  // Phase B: one transaction per item, as the app makes them (each enqueue or draft is its own commit).
  for (const p of ['B'] as const) phase(p, now + 60_000);

  const crashed = path.join(root, 'crashed');
  cpSync(live, crashed, { recursive: true });
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(`${paths.db}${suffix}`))
      copyFileSync(`${paths.db}${suffix}`, `${profilePaths(crashed, false).db}${suffix}`);
  }
  db.close();
  const clean = path.join(root, 'clean');
  cpSync(live, clean, { recursive: true });
  return { clean, crashed, drafts, actions, attachments, orderLineIds, markers };
}

/**
 * For a describe block: the fixture built once before its tests (`fixture`), a copy of a data folder per case
 * (`fresh`), and every folder removed after them.
 */
export function profileFixtureSuite(lines?: number): {
  readonly fixture: ProfileFixture;
  fresh(from?: 'clean' | 'crashed'): string;
} {
  let built: ProfileFixture | undefined;
  const made: string[] = [];
  const fixture = (): ProfileFixture => {
    if (!built) throw new Error('the profile fixture is built in beforeAll');
    return built;
  };
  beforeAll(async () => {
    built = await buildProfileFixture(lines);
  });
  afterAll(() => {
    for (const d of [...made, path.dirname(fixture().clean)]) rmSync(d, { recursive: true, force: true });
  });
  return {
    get fixture() {
      return fixture();
    },
    fresh(from = 'clean') {
      const dir = copyDataDir(from === 'clean' ? fixture().clean : fixture().crashed);
      made.push(dir);
      return dir;
    },
  };
}
