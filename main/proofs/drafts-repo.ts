// proof_drafts rows and mappers (docs/architecture.md "The database"): JSON columns are parsed here and nowhere else.
import { AppError } from '../../common/api/result';
import { isEmptyValue } from '../../common/domain/proof-rules';
import type { OrderStatus, Stage } from '../../common/marketplace/wire';
import type { Db } from '../db/connection';
import { perDb } from '../db/statement-cache';
import { mapReadable, storedJson } from '../db/row-problems';
import { draftAttachments, draftContent } from './draft-schemas';
import type { Draft, DraftConflict, DraftState, DraftSummary } from './draft-types';

export interface DraftRow {
  id: string;
  order_line_id: string;
  product_id: string;
  template_version: number;
  label: string | null;
  content_json: string;
  enabling_time: number | null;
  attachments_json: string;
  state: string;
  conflict_json: string | null;
  base_stage: string | null;
  base_status: string;
  outbox_id: string | null;
  revision: number;
  created_at: number;
  updated_at: number;
  submitted_at: number | null;
  deleted_at: number | null;
}

export function rowToDraft(r: DraftRow): Draft {
  return {
    id: r.id,
    orderLineId: r.order_line_id,
    productId: r.product_id,
    templateVersion: r.template_version,
    label: r.label,
    content: draftContent.parse(storedJson(r.content_json, 'proof_drafts', r.id, 'content_json')),
    enablingTime: r.enabling_time,
    attachments: draftAttachments.parse(storedJson(r.attachments_json, 'proof_drafts', r.id, 'attachments_json')),
    state: r.state as DraftState,
    conflict: r.conflict_json ? storedJson<DraftConflict>(r.conflict_json, 'proof_drafts', r.id, 'conflict_json') : null,
    baseStage: r.base_stage as Stage | null,
    baseStatus: r.base_status as OrderStatus,
    outboxId: r.outbox_id,
    revision: r.revision,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
    deletedAt: r.deleted_at,
  };
}

export function toSummary(d: Draft): DraftSummary {
  return {
    id: d.id,
    orderLineId: d.orderLineId,
    label: d.label,
    templateVersion: d.templateVersion,
    state: d.state,
    revision: d.revision,
    filledItems: Object.values(d.content).filter((v) => !isEmptyValue(v)).length,
    attachmentCount: d.attachments.length,
    enablingTime: d.enablingTime,
    conflictMessage: d.conflict?.message ?? null,
    createdAt: d.createdAt,
    lastEditAt: d.updatedAt,
  };
}

const statements = perDb((db) => ({
  get: db.prepare<[string], DraftRow>('SELECT * FROM proof_drafts WHERE id = ?'),
  byLine: db.prepare<[string, number], DraftRow>(
    'SELECT * FROM proof_drafts WHERE order_line_id = ? AND (? = 1 OR deleted_at IS NULL) ORDER BY updated_at DESC, id',
  ),
  log: db.prepare<[string, number, string, string | null]>('INSERT INTO proof_draft_log (draft_id, at, event, detail_json) VALUES (?, ?, ?, ?)'),
  history: db.prepare<[string], { id: number; at: number; event: string; detail_json: string | null }>(
    'SELECT id, at, event, detail_json FROM proof_draft_log WHERE draft_id = ? ORDER BY id',
  ),
}));

export function getDraftRow(db: Db, id: string): DraftRow | null {
  return statements(db).get.get(id) ?? null;
}

/** A draft, or null when there is none with this id (a deleted one is returned, with `deletedAt`). */
export function getDraft(db: Db, id: string): Draft | null {
  const row = getDraftRow(db, id);
  return row ? rowToDraft(row) : null;
}

/** The draft, or AppError('not_found'); a deleted draft counts as not found. */
export function requireDraft(db: Db, id: string): Draft {
  const d = getDraft(db, id);
  if (!d || d.deletedAt !== null) throw new AppError('not_found', `no delivery-proof draft ${id}`, { reason: 'no_draft', draftId: id });
  return d;
}

/** Every draft of an order line, the last edited first. */
export function listDrafts(db: Db, orderLineId: string, opts: { includeDeleted?: boolean } = {}): DraftSummary[] {
  // A draft whose stored JSON is damaged is skipped and reported (row-problems.ts); the others still list.
  return mapReadable(db, statements(db).byLine.all(orderLineId, opts.includeDeleted ? 1 : 0), (r) => toSummary(rowToDraft(r)));
}

/** Full drafts of an order line (the reconciler and tests). */
export function draftsOfLine(db: Db, orderLineId: string): Draft[] {
  return mapReadable(db, statements(db).byLine.all(orderLineId, 0), rowToDraft);
}

export function logDraftEvent(db: Db, draftId: string, at: number, event: string, detail?: unknown): void {
  statements(db).log.run(draftId, at, event, detail === undefined ? null : JSON.stringify(detail));
}

export interface DraftLogEntry {
  at: number;
  event: string;
  detail: unknown;
}

/** What happened to a draft besides ordinary saves (created, submitted, conflict, moved, deleted …). */
export function draftHistory(db: Db, draftId: string): DraftLogEntry[] {
  return mapReadable(db, statements(db).history.all(draftId), (r) => ({
    at: r.at,
    event: r.event,
    detail: r.detail_json ? storedJson(r.detail_json, 'proof_draft_log', r.id, 'detail_json') : null,
  }));
}

/**
 * Sets state, conflict and (optionally) the outbox link and baseline in one statement. Not an edit: `updated_at`
 * (the draft's last edit) stays; when it happened is in the draft's log.
 */
export function setDraftState(
  db: Db,
  id: string,
  next: { state: DraftState; conflict: DraftConflict | null; outboxId?: string | null; baseStage?: Stage | null; baseStatus?: OrderStatus; templateVersion?: number },
): void {
  const cur = getDraftRow(db, id);
  if (!cur) throw new AppError('not_found', `no delivery-proof draft ${id}`);
  db.prepare(
    'UPDATE proof_drafts SET state = ?, conflict_json = ?, outbox_id = ?, base_stage = ?, base_status = ?, template_version = ? WHERE id = ?',
  ).run(
    next.state,
    next.conflict ? JSON.stringify(next.conflict) : null,
    next.outboxId === undefined ? cur.outbox_id : next.outboxId,
    next.baseStage === undefined ? cur.base_stage : next.baseStage,
    next.baseStatus ?? cur.base_status,
    next.templateVersion ?? cur.template_version,
    id,
  );
}
