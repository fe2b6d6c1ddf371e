// proof_drafts rows and mappers (docs/architecture.md "The database"): JSON columns are parsed here and nowhere else.
import { AppError } from '../../common/api/result';
import { draftSummary } from '../../common/api/contract-proofs';
import type { OrderStatus, Stage } from '../../common/marketplace/wire';
import type { ReadDb, WriteDb } from '../db/connection';
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
    conflict: r.conflict_json
      ? storedJson<DraftConflict>(r.conflict_json, 'proof_drafts', r.id, 'conflict_json')
      : null,
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

/** The list row of a draft (common/api/contract-proofs.ts draftSummary, which the window uses too). */
export const toSummary = (d: Draft): DraftSummary => draftSummary(d);

const statements = perDb((db: ReadDb) => ({
  get: db.prepare<[string], DraftRow>('SELECT * FROM proof_drafts WHERE id = ?'),
  byLine: db.prepare<[string, number], DraftRow>(
    'SELECT * FROM proof_drafts WHERE order_line_id = ? AND (? = 1 OR deleted_at IS NULL) ORDER BY updated_at DESC, id',
  ),
  history: db.prepare<[string], { id: number; at: number; event: string; detail_json: string | null }>(
    'SELECT id, at, event, detail_json FROM proof_draft_log WHERE draft_id = ? ORDER BY id',
  ),
  lineOf: db.prepare<[string], string>('SELECT order_line_id FROM proof_drafts WHERE id = ?').pluck(),
  linesWithDrafts: db
    .prepare<[], string>(
      'SELECT order_line_id FROM proof_drafts WHERE deleted_at IS NULL GROUP BY order_line_id ORDER BY max(updated_at) DESC, order_line_id',
    )
    .pluck(),
  linesWithOpenDrafts: db
    .prepare<[], string>(
      "SELECT DISTINCT order_line_id FROM proof_drafts WHERE deleted_at IS NULL AND state IN ('editing', 'queued', 'conflict')",
    )
    .pluck(),
}));

const writes = perDb((db: WriteDb) => ({
  log: db.prepare<[string, number, string, string | null]>(
    'INSERT INTO proof_draft_log (draft_id, at, event, detail_json) VALUES (?, ?, ?, ?)',
  ),
  setState: db.prepare<[string, string | null, string | null, string | null, string, number, string], DraftRow>(
    'UPDATE proof_drafts SET state = ?, conflict_json = ?, outbox_id = ?, base_stage = ?, base_status = ?, template_version = ? WHERE id = ? RETURNING *',
  ),
  moveTemplate: db.prepare<[number, string, number, string], DraftRow>(
    'UPDATE proof_drafts SET template_version = ?, content_json = ?, revision = revision + 1, updated_at = ? WHERE id = ? RETURNING *',
  ),
  submitted: db.prepare<[number, string], DraftRow>(
    'UPDATE proof_drafts SET submitted_at = ? WHERE id = ? RETURNING *',
  ),
}));

/** The row an UPDATE … RETURNING wrote; the caller's transaction has just read the draft, so it is there. */
function written(row: DraftRow | undefined, id: string): DraftRow {
  if (!row) throw new AppError('not_found', `no delivery-proof draft ${id}`, { reason: 'no_draft', draftId: id });
  return row;
}

/** The order line a draft belongs to; null when there is no such draft. */
export function draftOrderLineId(db: ReadDb, id: string): string | null {
  return statements(db).lineOf.get(id) ?? null;
}

/** Order lines with at least one draft that is not deleted, most recently edited first. */
export function orderLinesWithDrafts(db: ReadDb): string[] {
  return statements(db).linesWithDrafts.all();
}

/** Order lines with a draft the reconciler looks at (editing, queued or in conflict; not deleted). */
export function orderLinesWithOpenDrafts(db: ReadDb): string[] {
  return statements(db).linesWithOpenDrafts.all();
}

/** Puts a draft on another template version with the content carried over: an edit (revision and `updated_at`). */
export function moveDraftRow(db: WriteDb, id: string, templateVersion: number, content: unknown, now: number): Draft {
  return rowToDraft(written(writes(db).moveTemplate.get(templateVersion, JSON.stringify(content), now, id), id));
}

/** Marks a draft submitted at `now` (its delivery is in the outbox). */
export function markDraftSubmitted(db: WriteDb, id: string, now: number): Draft {
  return rowToDraft(written(writes(db).submitted.get(now, id), id));
}

export function getDraftRow(db: ReadDb, id: string): DraftRow | null {
  return statements(db).get.get(id) ?? null;
}

/** A draft, or null when there is none with this id (a deleted one is returned, with `deletedAt`). */
export function getDraft(db: ReadDb, id: string): Draft | null {
  const row = getDraftRow(db, id);
  return row ? rowToDraft(row) : null;
}

/** The draft, or AppError('not_found'); a deleted draft counts as not found. */
export function requireDraft(db: ReadDb, id: string): Draft {
  const d = getDraft(db, id);
  if (!d || d.deletedAt !== null)
    throw new AppError('not_found', `no delivery-proof draft ${id}`, { reason: 'no_draft', draftId: id });
  return d;
}

/** Every draft of an order line, the last edited first. */
export function listDrafts(db: ReadDb, orderLineId: string, opts: { includeDeleted?: boolean } = {}): DraftSummary[] {
  // A draft whose stored JSON is damaged is skipped and reported (row-problems.ts); the others still list.
  return mapReadable(db, statements(db).byLine.all(orderLineId, opts.includeDeleted ? 1 : 0), (r) =>
    toSummary(rowToDraft(r)),
  );
}

/** Full drafts of an order line (the reconciler and tests). */
export function draftsOfLine(db: ReadDb, orderLineId: string): Draft[] {
  return mapReadable(db, statements(db).byLine.all(orderLineId, 0), rowToDraft);
}

export function logDraftEvent(db: WriteDb, draftId: string, at: number, event: string, detail?: unknown): void {
  writes(db).log.run(draftId, at, event, detail === undefined ? null : JSON.stringify(detail));
}

export interface DraftLogEntry {
  at: number;
  event: string;
  detail: unknown;
}

/** What happened to a draft besides ordinary saves (created, submitted, conflict, moved, deleted …). */
export function draftHistory(db: ReadDb, draftId: string): DraftLogEntry[] {
  return mapReadable(db, statements(db).history.all(draftId), (r) => ({
    at: r.at,
    event: r.event,
    detail: r.detail_json ? storedJson(r.detail_json, 'proof_draft_log', r.id, 'detail_json') : null,
  }));
}

/**
 * Sets state, conflict and (optionally) the outbox link and baseline in one statement. Not an edit: `updated_at`
 * (the draft's last edit) stays; when it happened is in the draft's log. Returns the row as written (RETURNING).
 */
export function setDraftState(
  db: WriteDb,
  id: string,
  next: {
    state: DraftState;
    conflict: DraftConflict | null;
    outboxId?: string | null;
    baseStage?: Stage | null;
    baseStatus?: OrderStatus;
    templateVersion?: number;
  },
): DraftRow {
  const cur = getDraftRow(db, id);
  if (!cur) throw new AppError('not_found', `no delivery-proof draft ${id}`);
  return written(
    writes(db).setState.get(
      next.state,
      next.conflict ? JSON.stringify(next.conflict) : null,
      next.outboxId === undefined ? cur.outbox_id : next.outboxId,
      next.baseStage === undefined ? cur.base_stage : next.baseStage,
      next.baseStatus ?? cur.base_status,
      next.templateVersion ?? cur.template_version,
      id,
    ),
    id,
  );
}
