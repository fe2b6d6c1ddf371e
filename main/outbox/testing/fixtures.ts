// Test support: wire order lines in a chosen supervision state, a temp database + attachment store, seeded randomness.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Stage, WireOrderLine } from '../../../common/marketplace/wire';
import { openDatabase, type Db } from '../../db/connection';
import { makeLine } from '../../orders/testing/order-line-fixture';
import { upsertOrderLines } from '../../orders/order-lines';
import { AttachmentStore } from '../../files/store';

export const T0 = Date.parse('2025-06-01T04:00:00.000Z');

export interface LineOptions {
  stage?: Stage;
  appealOpen?: boolean;
  unsubscriptionPending?: boolean;
  supervised?: boolean;
  templateVersion?: number;
  version?: number;
}

/** A valid wire order line (the db fixture's makeLine) placed at T0, in the chosen supervision state. */
export function wireLine(orderLineId: string, o: LineOptions = {}): WireOrderLine {
  return makeLine({
    orderId: orderLineId.replace(/-\d+$/, ''),
    orderLineId,
    createTime: new Date(T0).toISOString(),
    productId: 'OFFI-TEST',
    stage: o.supervised === false ? null : (o.stage ?? 'request_pending'),
    appealOpen: o.appealOpen,
    unsubscriptionPending: o.unsubscriptionPending,
    templateVersion: o.templateVersion,
    version: o.version,
  });
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
export { seededRandom } from '../../../common/seeded-random';
