// Writing delivery-proof drafts (docs/rules.md P4): create, save, delete. Offline, over days.
//
// Durability of a save: each save is ONE small SQLite transaction, and saveDraft returns only after it committed.
// The connection runs WAL with synchronous=NORMAL (main/db/connection.ts): a commit appends its pages to the
// -wal file with write(2) before returning, so once saveDraft returns the edit is in the operating system's page
// cache and survives the process being killed (crash, forced quit, SIGKILL) — the next open replays the WAL.
// NORMAL only skips the fsync per commit, so a power loss or OS crash may lose the last few saves, but never
// corrupts the database (sqlite.org/wal.html). That is P4's "survives a crash or a forced quit".
import { randomUUID } from 'node:crypto';
import { AppError } from '../../common/api/result';
import type { ReadDb, WriteDb } from '../db/connection';
import { perDb } from '../db/statement-cache';
import { checkSubmissionCount, getAttachment } from '../files/store';
import { currentTemplateVersion, isDeliverable, requireOrder, requireTemplate } from './draft-context';
import { draftAttachment, draftPatch, parseOrThrow } from './draft-schemas';
import type { Clock, Draft, DraftAttachment, DraftPatch, DraftValue } from './draft-types';
import { logDraftEvent, requireDraft, rowToDraft, type DraftRow } from './drafts-repo';

export interface DraftDeps {
  clock: Clock;
  /** Draft ids; injected so tests are deterministic. Default: a UUID. */
  newId?: () => string;
}

interface NewDraft {
  id: string;
  orderLineId: string;
  productId: string;
  templateVersion: number;
  label: string | null;
  baseStage: string | null;
  baseStatus: string;
  now: number;
}

const statements = perDb((db: WriteDb) => ({
  insert: db.prepare<[NewDraft], DraftRow>(
    `INSERT INTO proof_drafts (id, order_line_id, product_id, template_version, label, content_json, enabling_time, attachments_json,
       state, conflict_json, base_stage, base_status, outbox_id, revision, created_at, updated_at)
     VALUES (@id, @orderLineId, @productId, @templateVersion, @label, '{}', NULL, '[]', 'editing', NULL, @baseStage, @baseStatus, NULL, 0, @now, @now)
     RETURNING *`,
  ),
  save: db.prepare<[string, number | null, string, string | null, number, string], DraftRow>(
    `UPDATE proof_drafts SET content_json = ?, enabling_time = ?, attachments_json = ?, label = ?, revision = revision + 1, updated_at = ?
      WHERE id = ? RETURNING *`,
  ),
  delete: db.prepare<[number, number, string], DraftRow>(
    'UPDATE proof_drafts SET deleted_at = ?, updated_at = ? WHERE id = ? RETURNING *',
  ),
}));

/** The row an INSERT/UPDATE … RETURNING wrote (the transaction just read or created it, so it is there). */
function written(row: DraftRow | undefined, id: string): DraftRow {
  if (!row) throw new AppError('not_found', `no delivery-proof draft ${id}`, { reason: 'no_draft', draftId: id });
  return row;
}

/**
 * Starts a draft for an order line against the template version the order uses now (P1). The order must be
 * supervised and in a stage the seller can deliver in (S3); its template version must be cached.
 */
export function createDraft(
  db: WriteDb,
  input: { orderLineId: string; label?: string | null },
  deps: DraftDeps,
): Draft {
  const newId = deps.newId ?? randomUUID;
  return db.transaction(() => {
    const order = requireOrder(db, input.orderLineId);
    if (order.stage === null) {
      throw new AppError(
        'validation',
        `order line ${input.orderLineId} is not under service supervision (S6): it takes no delivery proof`,
        { reason: 'not_supervised' },
      );
    }
    if (!isDeliverable(order.stage)) {
      throw new AppError(
        'conflict',
        `a delivery proof can be written only in stage awaiting_delivery or delivery_returned; this order is in ${order.stage} (S3)`,
        {
          reason: 'stage',
          stage: order.stage,
        },
      );
    }
    const version = currentTemplateVersion(db, order);
    if (version === null)
      throw new AppError(
        'not_found',
        `no delivery template of product ${order.productId} is cached yet; sync first (P1)`,
        { reason: 'no_template' },
      );
    requireTemplate(db, order.productId, version);
    const id = newId();
    const now = deps.clock.now();
    const row = statements(db).insert.get({
      id,
      orderLineId: order.orderLineId,
      productId: order.productId,
      templateVersion: version,
      label: input.label?.trim() || null,
      baseStage: order.stage,
      baseStatus: order.status,
      now,
    });
    logDraftEvent(db, id, now, 'created', { templateVersion: version, stage: order.stage });
    return rowToDraft(written(row, id));
  })();
}

/**
 * One save = one small transaction (see the header: durable once it returns). Only the fields in `patch`
 * change; content is merged per key (`null` removes a key). Allowed while the draft is being edited or is in
 * conflict (P5: the user keeps working on it); a queued or delivered draft is frozen.
 */
export function saveDraft(db: WriteDb, id: string, patch: DraftPatch, deps: { clock: Clock }): Draft {
  const p = parseOrThrow(draftPatch, patch, 'patch');
  return db.transaction(() => {
    const d = requireDraft(db, id);
    if (d.state === 'queued' || d.state === 'delivered') {
      throw new AppError(
        'conflict',
        `this draft was submitted (${d.state}); it can no longer be changed — start a new draft instead (P4)`,
        {
          reason: 'submitted',
          state: d.state,
        },
      );
    }
    if (p.expectedRevision !== undefined && p.expectedRevision !== d.revision) {
      throw new AppError(
        'conflict',
        `the draft changed since revision ${p.expectedRevision} (now ${d.revision}); reload it`,
        {
          reason: 'stale_revision',
          revision: d.revision,
        },
      );
    }
    const content: Record<string, DraftValue> = { ...d.content };
    for (const [key, value] of Object.entries(p.content ?? {})) {
      if (value === null) delete content[key];
      else content[key] = value;
    }
    const attachments = p.attachments ?? d.attachments;
    if (p.attachments) checkAttachments(db, p.attachments);
    const label = p.label === undefined ? d.label : p.label || null;
    const enablingTime = p.enablingTime === undefined ? d.enablingTime : p.enablingTime;
    const row = statements(db).save.get(
      JSON.stringify(content),
      enablingTime,
      JSON.stringify(attachments),
      label,
      Math.max(deps.clock.now(), d.updatedAt),
      id,
    );
    return rowToDraft(written(row, id));
  })();
}

/** P3: every file is in the attachment store; at most 20 a proof. */
function checkAttachments(db: ReadDb, list: readonly DraftAttachment[]): void {
  checkSubmissionCount(list.length);
  for (const a of list) {
    if (!getAttachment(db, a.sha256)) {
      throw new AppError(
        'validation',
        `"${a.fileName}" is not in the attachment store (${a.sha256.slice(0, 12)}…); add the file first`,
        {
          reason: 'missing_attachment',
          sha256: a.sha256,
        },
      );
    }
  }
}

/** Adds one file (or replaces the one with the same SHA-256 and category), e.g. "Attach as SOW". */
export function attachFile(db: WriteDb, id: string, attachment: DraftAttachment, deps: { clock: Clock }): Draft {
  const a = parseOrThrow(draftAttachment, attachment, 'attachment');
  return db.transaction(() => {
    const d = requireDraft(db, id);
    const rest = d.attachments.filter((x) => !(x.sha256 === a.sha256 && x.category === a.category));
    return saveDraft(db, id, { attachments: [...rest, a] }, deps);
  })();
}

/** Removes one file from the draft (the UI asks for confirmation first; the store keeps the file). */
export function detachFile(
  db: WriteDb,
  id: string,
  which: { sha256: string; category: DraftAttachment['category'] },
  deps: { clock: Clock },
): Draft {
  return db.transaction(() => {
    const d = requireDraft(db, id);
    const rest = d.attachments.filter((x) => !(x.sha256 === which.sha256 && x.category === which.category));
    if (rest.length === d.attachments.length)
      throw new AppError('not_found', 'that file is not attached to this draft', { reason: 'no_attachment' });
    return saveDraft(db, id, { attachments: rest }, deps);
  })();
}

/**
 * Deletes a draft the user chose to throw away (the UI confirms). Recorded: the row stays with `deleted_at` and
 * a log entry, hidden from lists. A queued or delivered draft cannot go (its delivery exists). A draft in
 * conflict can: the user deciding to drop it after seeing what changed is not a silent discard (P5).
 */
export function deleteDraft(db: WriteDb, id: string, deps: { clock: Clock; reason?: string }): Draft {
  return db.transaction(() => {
    const d = requireDraft(db, id);
    if (d.state !== 'editing' && d.state !== 'conflict') {
      throw new AppError('conflict', `a ${d.state} draft cannot be deleted: its delivery was already queued (P4)`, {
        reason: 'submitted',
        state: d.state,
      });
    }
    const now = Math.max(deps.clock.now(), d.updatedAt);
    const row = statements(db).delete.get(now, now, id);
    logDraftEvent(db, id, now, 'deleted', {
      state: d.state,
      revision: d.revision,
      reason: deps.reason?.trim() || null,
    });
    return rowToDraft(written(row, id));
  })();
}
