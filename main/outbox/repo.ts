// Outbox repository (docs/architecture.md "The database"): rows, mappers and the queries the enqueuer, the sender and
// the
// Sync Center share. JSON columns are parsed here and nowhere else.
import type { ReadDb, WriteDb } from '../db/connection';
import { perDb } from '../db/statement-cache';
import { uploadProgress } from '../files/upload-state';
import type { OutboxEntry, OutboxErrorView, OutboxItem, OutboxState } from '../../common/api/contract-outbox';
import { parsePayload, type ActionPayload, type OutboxKind } from './schemas';
import { mapReadable, storedJson } from '../db/row-problems';

// The item, its state and its error are declared once in common/api/contract-outbox.ts (the API returns them as is).
export {
  OUTBOX_STATES,
  UNSENT_STATES as OPEN_STATES,
  type OutboxItem,
  type OutboxState,
} from '../../common/api/contract-outbox';
export type OutboxError = OutboxErrorView;

/** A Sync Center row before the handler adds the cached order: the item plus its upload progress. */
export type OutboxListItem = Omit<OutboxEntry, 'order'>;

export interface OutboxRow {
  id: string;
  seq: number;
  order_line_id: string;
  kind: string;
  payload_json: string;
  idempotency_key: string;
  request_json: string | null;
  state: string;
  attempts: number;
  last_error_json: string | null;
  next_attempt_at: number;
  created_at: number;
  updated_at: number;
  acked_at: number | null;
  discarded_at: number | null;
  discard_reason: string | null;
}

export function rowToItem(r: OutboxRow): OutboxItem {
  return {
    id: r.id,
    seq: r.seq,
    orderLineId: r.order_line_id,
    kind: r.kind as OutboxKind,
    payload: storedJson(r.payload_json, 'outbox', r.id, 'payload_json'),
    idempotencyKey: r.idempotency_key,
    state: r.state as OutboxState,
    attempts: r.attempts,
    lastError: r.last_error_json ? storedJson<OutboxError>(r.last_error_json, 'outbox', r.id, 'last_error_json') : null,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ackedAt: r.acked_at,
    discardedAt: r.discarded_at,
    discardReason: r.discard_reason,
  };
}

const reads = perDb((db: ReadDb) => ({
  row: db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE id = ?'),
  list: db.prepare<{ all: 0 | 1; line: string | null }, OutboxRow>(
    `SELECT * FROM outbox
      WHERE (@all = 1 OR discarded_at IS NULL) AND (@line IS NULL OR order_line_id = @line)
      ORDER BY seq DESC`,
  ),
  attachmentSizes: db.prepare<[string], { sha256: string; size: number }>(
    'SELECT sha256, size FROM attachments WHERE sha256 IN (SELECT value FROM json_each(?))',
  ),
  countUnsent: db
    .prepare<[], number>(
      "SELECT count(*) FROM outbox WHERE discarded_at IS NULL AND state IN ('queued', 'sending', 'unknown')",
    )
    .pluck(),
  countNeedsAttention: db
    .prepare<[], number>("SELECT count(*) FROM outbox WHERE discarded_at IS NULL AND state IN ('rejected', 'conflict')")
    .pluck(),
  pendingLinesIn: db
    .prepare<[string], string>(
      'SELECT DISTINCT order_line_id FROM outbox_pending WHERE order_line_id IN (SELECT value FROM json_each(?))',
    )
    .pluck(),
  pendingLines: db.prepare<[], string>('SELECT DISTINCT order_line_id FROM outbox_pending').pluck(),
  history: db.prepare<[string], { id: number; at: number; event: string; detail_json: string | null }>(
    'SELECT id, at, event, detail_json FROM outbox_log WHERE outbox_id = ? ORDER BY id',
  ),
}));

const writes = perDb((db: WriteDb) => ({
  log: db.prepare<[string, number, string, string | null]>(
    'INSERT INTO outbox_log (outbox_id, at, event, detail_json) VALUES (?, ?, ?, ?)',
  ),
}));

/** The row's action, its payload checked against its kind's schema (AppError 'validation' when it does not fit). */
export function rowAction(r: OutboxRow, payload: unknown): ActionPayload {
  const kind = r.kind as OutboxKind;
  return { kind, payload: parsePayload(kind, payload) } as ActionPayload;
}

export function getRow(db: ReadDb, id: string): OutboxRow | null {
  return reads(db).row.get(id) ?? null;
}

export function getOutboxItem(db: ReadDb, id: string): OutboxItem | null {
  const row = getRow(db, id);
  return row ? rowToItem(row) : null;
}

/** Every item for the Sync Center, newest first; discarded ones only when asked for (they stay recorded). */
export function listOutbox(
  db: ReadDb,
  opts: { includeDiscarded?: boolean; orderLineId?: string } = {},
): OutboxListItem[] {
  const rows = reads(db).list.all({ all: opts.includeDiscarded ? 1 : 0, line: opts.orderLineId ?? null });
  // A row whose stored JSON is damaged is skipped and reported (row-problems.ts), never fails the whole list.
  return mapReadable(db, rows, (r) => {
    const item = rowToItem(r);
    const shas = payloadShas(item.payload);
    if (shas.length === 0) return { ...item, upload: null };
    const sizes = reads(db).attachmentSizes.all(JSON.stringify(shas));
    const progress = uploadProgress(db, shas);
    let sent = 0;
    let size = 0;
    for (const s of sizes) {
      size += s.size;
      sent += item.state === 'acked' ? s.size : (progress.get(s.sha256)?.sent ?? 0);
    }
    return { ...item, upload: { sent, size, files: shas.length } };
  });
}

/** Items not yet definitively answered (the status bar's "unsent"). */
export function countUnsent(db: ReadDb): number {
  return reads(db).countUnsent.get() ?? 0;
}

/** Refused or in-conflict items the user has not yet re-queued or discarded. */
export function countNeedsAttention(db: ReadDb): number {
  return reads(db).countNeedsAttention.get() ?? 0;
}

/** Order lines with an unsent action ("pending sync" on the order). */
export function pendingOrderLines(db: ReadDb, orderLineIds?: readonly string[]): Set<string> {
  const rows = orderLineIds ? reads(db).pendingLinesIn.all(JSON.stringify(orderLineIds)) : reads(db).pendingLines.all();
  return new Set(rows);
}

export function logEvent(db: WriteDb, id: string, at: number, event: string, detail?: unknown): void {
  writes(db).log.run(id, at, event, detail === undefined ? null : JSON.stringify(detail));
}

export interface OutboxLogEntry {
  at: number;
  event: string;
  detail: unknown;
}

export function outboxHistory(db: ReadDb, id: string): OutboxLogEntry[] {
  const rows = reads(db).history.all(id);
  return mapReadable(db, rows, (r) => ({
    at: r.at,
    event: r.event,
    detail: r.detail_json ? storedJson(r.detail_json, 'outbox_log', r.id, 'detail_json') : null,
  }));
}

/** The SHA-256s an item's payload refers to (appeal, review, delivery attachments). */
export function payloadShas(payload: unknown): string[] {
  if (!payload || typeof payload !== 'object') return [];
  const list = (payload as { attachments?: unknown }).attachments;
  if (!Array.isArray(list)) return [];
  return [
    ...new Set(list.map((a) => (a as { sha256?: unknown }).sha256).filter((s): s is string => typeof s === 'string')),
  ];
}
