// Test support: wire order lines in a chosen supervision state, a temp database + attachment store, seeded randomness.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Stage, WireOrderLine } from '../../common/marketplace/wire';
import { openDatabase, type Db } from '../db/connection';
import { upsertOrderLines } from '../db/order-lines';
import { AttachmentStore } from '../files/store';

export const T0 = Date.parse('2025-06-01T04:00:00.000Z');

export interface LineOptions {
  stage?: Stage;
  appealOpen?: boolean;
  unsubscriptionPending?: boolean;
  supervised?: boolean;
  templateVersion?: number;
  version?: number;
}

export function wireLine(orderLineId: string, o: LineOptions = {}): WireOrderLine {
  const at = new Date(T0).toISOString();
  return {
    orderId: orderLineId.replace(/-\d+$/, ''),
    orderLineId,
    orderType: 'NEW',
    status: 'PROCESSING',
    createTime: at,
    productId: 'OFFI-TEST',
    productName: '数据迁移专业服务 / Data Migration Service',
    skuCode: 'SKU1',
    chargingMode: 'PERIOD',
    periodType: 'month',
    periodNumber: 1,
    amount: '1200.00',
    currency: 'CNY',
    renewsOrderLineId: null,
    customer: { customerId: 'C1', customerName: '客户 Customer', email: 'c@example.com', mobilePhone: '+86 100' },
    templateVersion: o.templateVersion ?? 3,
    supervision:
      o.supervised === false
        ? null
        : {
            process: 'REQUEST_FIRST',
            stage: o.stage ?? 'request_pending',
            appealOpen: o.appealOpen ?? false,
            requestRejections: 0,
            deliveryRejections: 0,
            request: null,
            delivery: null,
            acceptedAt: null,
            unsubscription: o.unsubscriptionPending
              ? { requestId: 'US1', amount: '300.00', reason: 'budget', requestedAt: at, status: 'pending' }
              : null,
            events: [],
          },
    validity: null,
    version: o.version ?? 1,
    updateTime: at,
  };
}

export interface TestEnv {
  dir: string;
  db: Db;
  store: AttachmentStore;
  close(): void;
}

export function testEnv(clock: { now(): number } = { now: () => T0 + 3_600_000 }): TestEnv {
  const dir = mkdtempSync(path.join(tmpdir(), 'sd-outbox-'));
  const db = openDatabase(path.join(dir, 'app.db'));
  const store = new AttachmentStore({ db, dataDir: dir, clock });
  return {
    dir,
    db,
    store,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function putLines(db: Db, lines: WireOrderLine[]): void {
  upsertOrderLines(db, lines);
}

/** Deterministic keys: k-0001, k-0002 … (real ones are UUIDs). */
export function keySeq(prefix = 'k'): () => string {
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(4, '0')}`;
}

/** Deterministic randomness: backoff jitter in the outbox tests, kill points in the crash tests. */
export { seededRandom } from '../../common/seeded-random';
