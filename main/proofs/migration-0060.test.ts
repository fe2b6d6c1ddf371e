// docs/architecture.md: every migration has a test that migrates a populated database. 0060 adds the proof-draft
// tables.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderLine } from '../../common/marketplace/wire';
import { openDatabase } from '../db/connection';
import { migrate, schemaVersion } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { getOrderLine } from '../orders/order-lines';
import { saveTemplate } from './templates';
import { makeLine } from '../orders/testing/order-line-fixture';
import { insertLinesBefore0100 } from '../orders/testing/old-order-line';
import { getOutboxItem } from '../outbox/repo';
import { createDraft } from './drafts';
import { listDrafts } from './drafts-repo';
import { ITEMS_V3, LINE_ID, ORDER_ID, PRODUCT } from './testing/fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sd-mig60-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 0060-proof-drafts', () => {
  it('a populated database at 0050 (orders, template, outbox) migrates forward and takes drafts', () => {
    const file = join(dir, 'app.db');
    const raw = new Database(file);
    migrate(
      raw,
      MIGRATIONS.filter((m) => m.version <= 50),
    );
    expect(schemaVersion(raw)).toBe(50);
    insertLinesBefore0100(raw, [
      orderLine.parse({
        ...makeLine({ orderId: ORDER_ID, productId: PRODUCT, stage: 'awaiting_delivery' }),
        templateVersion: 3,
      }),
    ]);
    saveTemplate(raw, {
      template: { productId: PRODUCT, templateVersion: 3, items: ITEMS_V3 },
      etag: null,
      raw: null,
      fetchedAt: 1,
    });
    raw
      .prepare(
        `INSERT INTO outbox (id, seq, order_line_id, kind, payload_json, idempotency_key, state, attempts, next_attempt_at, created_at, updated_at)
         VALUES ('o1', 1, ?, 'request.accept', '{}', 'k1', 'acked', 1, 0, 0, 0)`,
      )
      .run(LINE_ID);
    raw.close();

    const db = openDatabase(file);
    try {
      expect(schemaVersion(db)).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
      expect(getOrderLine(db, LINE_ID)?.stage).toBe('awaiting_delivery');
      expect(getOutboxItem(db, 'o1')?.state).toBe('acked');
      const d = createDraft(db, { orderLineId: LINE_ID }, { clock: { now: () => 5 }, newId: () => 'd1' });
      expect(listDrafts(db, LINE_ID).map((s) => s.id)).toEqual([d.id]);
      // The schema holds its own invariants: a conflict state always says what changed.
      expect(() => db.prepare("UPDATE proof_drafts SET state = 'conflict' WHERE id = 'd1'").run()).toThrow(
        /CHECK constraint/,
      );
      expect(() => db.prepare("UPDATE proof_drafts SET state = 'sent' WHERE id = 'd1'").run()).toThrow(
        /CHECK constraint/,
      );
      expect(() => db.prepare("UPDATE proof_drafts SET outbox_id = 'nope' WHERE id = 'd1'").run()).toThrow(
        /FOREIGN KEY/,
      );
    } finally {
      db.close();
    }
  });
});
