// Test support for the proof-draft tests: a temp database and attachment store, an order line in a chosen state,
// a template with every item kind (P1), sample files with real magic bytes (P3). Test support only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  orderLine,
  type OrderStatus,
  type Stage,
  type WireOrderLine,
  type WireTemplateItem,
} from '../../../common/marketplace/wire';
import { samplePdf, samplePng } from '../../../marketplace-sim/sample-files';
import { openDatabase, type Db } from '../../db/connection';
import { upsertOrderLines } from '../../orders/order-lines';
import { saveTemplate } from '../templates';
import { makeLine } from '../../orders/testing/order-line-fixture';
import { AttachmentStore } from '../../files/store';
import { keySeq } from '../../outbox/testing/fixtures';
import { createDraft, saveDraft } from '../drafts';
import type { Draft, DraftAttachment } from '../draft-types';

// Kill points for the draft crash test.
export { seededRandom } from '../../../common/seeded-random';
/** Deterministic ids: d-0001, d-0002 … (the outbox tests' key sequence). */
export { keySeq as idSeq } from '../../outbox/testing/fixtures';

export const PRODUCT = 'OFFI-MIGRATION';
export const ORDER_ID = 'CS2504011200ABCDE';
export const LINE_ID = `${ORDER_ID}-000001`;
/** The fixture order's placement (createTime): 2025-04-01 12:00 UTC+8. */
export const PLACED_AT = Date.parse('2025-04-01T04:00:00.000Z');

export const ITEMS_V3: WireTemplateItem[] = [
  { key: 'scope', title: '迁移范围 / Migration scope', description: 'Source and target', required: true, kind: 'text' },
  { key: 'report', title: '迁移报告 / Migration report', required: true, kind: 'longtext' },
  { key: 'cutover', title: '割接日期 / Cut-over date', required: true, kind: 'date' },
  { key: 'volume', title: '数据量 / Data volume (GB)', required: true, kind: 'number' },
  {
    key: 'checks',
    title: '验收检查 / Acceptance checks',
    required: true,
    kind: 'checklist',
    options: ['Integrity verified', 'Regression tested', 'Rollback rehearsed'],
  },
  { key: 'notes', title: '备注 / Remarks', required: false, kind: 'longtext' },
  {
    key: 'acceptanceDocument',
    title: '验收文档 / Acceptance document',
    required: true,
    kind: 'attachment',
    attachmentCategory: 'acceptance',
  },
  {
    key: 'licenseShot',
    title: '授权截图 / License screenshot',
    required: false,
    kind: 'attachment',
    attachmentCategory: 'license_validity',
  },
];

/** Version 4: `notes` removed, `engineer` added as required, `volume` now a text item. */
export const ITEMS_V4: WireTemplateItem[] = [
  ...ITEMS_V3.filter((i) => i.key !== 'notes' && i.key !== 'volume'),
  { key: 'volume', title: '数据量 / Data volume', required: true, kind: 'text' },
  { key: 'engineer', title: '驻场工程师 / On-site engineer', required: true, kind: 'text' },
];

/** A complete, valid content for ITEMS_V3. */
export const FULL_CONTENT = {
  scope: 'MySQL 5.7 → GaussDB',
  report: '全量 + 增量同步 48 小时，切换顺利。Full load plus 48 h incremental sync.',
  cutover: '2025-04-10',
  volume: 412.5,
  checks: ['Integrity verified', 'Rollback rehearsed'],
};

export interface Fake {
  t: number;
  now(): number;
}

export function fakeClock(start = PLACED_AT + 10 * 86_400_000): Fake {
  return {
    t: start,
    now() {
      return this.t;
    },
  };
}

export interface ProofEnv {
  dir: string;
  file: string;
  db: Db;
  store: AttachmentStore;
  clock: Fake;
  close(): void;
}

export function proofEnv(): ProofEnv {
  const dir = mkdtempSync(path.join(tmpdir(), 'sd-proofs-'));
  const file = path.join(dir, 'app.db');
  const db = openDatabase(file);
  const clock = fakeClock();
  const store = new AttachmentStore({ db, dataDir: dir, clock });
  saveTemplate(db, {
    template: { productId: PRODUCT, templateVersion: 3, items: ITEMS_V3 },
    etag: null,
    raw: null,
    fetchedAt: clock.now(),
  });
  return {
    dir,
    file,
    db,
    store,
    clock,
    close() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function addTemplateV4(db: Db, at: number): void {
  saveTemplate(db, {
    template: { productId: PRODUCT, templateVersion: 4, items: ITEMS_V4 },
    etag: null,
    raw: null,
    fetchedAt: at,
  });
}

export interface OrderState {
  stage?: Stage | null;
  status?: OrderStatus;
  appealOpen?: boolean;
  templateVersion?: number | null;
  version?: number;
  acceptedAt?: string | null;
}

/** Stores the fixture order line in this state (a higher `version` replaces the stored one, as a pull would). */
export function putOrder(db: Db, s: OrderState = {}): WireOrderLine {
  const base = makeLine({
    orderId: ORDER_ID,
    productId: PRODUCT,
    stage: s.stage === undefined ? 'awaiting_delivery' : s.stage,
    appealOpen: s.appealOpen,
    version: s.version ?? 1,
  });
  const line = orderLine.parse({
    ...base,
    status: s.status ?? base.status,
    templateVersion: s.templateVersion === undefined ? 3 : s.templateVersion,
    supervision: base.supervision ? { ...base.supervision, acceptedAt: s.acceptedAt ?? null } : null,
  });
  upsertOrderLines(db, [line]);
  return line;
}

/** Adds a sample file to the store and returns it as a draft attachment. */
export async function addFile(
  store: AttachmentStore,
  category: DraftAttachment['category'],
  fileName: string,
): Promise<DraftAttachment> {
  const bytes = fileName.endsWith('.png') ? samplePng(fileName) : samplePdf(`${category}: ${fileName}`);
  const stored = await store.addBytes(bytes, fileName);
  return { sha256: stored.sha256, category, fileName };
}

/**
 * The scene most draft tests start from (after putOrder): a draft filled with FULL_CONTENT (plus `extra`) and one
 * acceptance document (P3), optionally with an enabling time. Returns the saved draft and that attachment.
 */
export async function filledDraft(
  env: ProofEnv,
  opts: { fileName: string; extra?: Record<string, string>; enablingTime?: number },
): Promise<{ draft: Draft; acc: DraftAttachment }> {
  const created = createDraft(env.db, { orderLineId: LINE_ID }, { clock: env.clock, newId: keySeq('d') });
  const acc = await addFile(env.store, 'acceptance', opts.fileName);
  const enabling = opts.enablingTime === undefined ? {} : { enablingTime: opts.enablingTime };
  const draft = saveDraft(
    env.db,
    created.id,
    { content: { ...FULL_CONTENT, ...opts.extra }, attachments: [acc], ...enabling },
    env,
  );
  return { draft, acc };
}
