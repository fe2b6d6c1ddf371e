// Taking a seller action: ONE local transaction holds the local state change (the order's pending
// state) and the outbox row with an idempotency key made now, when the user acts (docs/marketplace-api.md).
// Re-queue and discard are the user's only ways out of `rejected` / `conflict`; a discard is recorded.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../common/api/result';
import type { ReadDb, WriteDb } from '../db/connection';
import { perDb } from '../db/statement-cache';
import { getRow, logEvent, rowAction, rowToItem, type OutboxItem, type OutboxRow } from './repo';
import { checkAction, effectOf } from './rules';
import { parseAction, type ActionPayload } from './schemas';

export interface EnqueueDeps {
  clock: { now(): number };
  /** Idempotency keys (and item ids): a UUID. Injected so tests are deterministic. */
  newKey?: () => string;
}

const reads = perDb((db: ReadDb) => ({
  nextSeq: db.prepare<[], number>('SELECT coalesce(max(seq), 0) + 1 FROM outbox').pluck(),
}));

const writes = perDb((db: WriteDb) => ({
  insert: db.prepare<[string, number, string, string, string, string, number, number, number], OutboxRow>(
    `INSERT INTO outbox (id, seq, order_line_id, kind, payload_json, idempotency_key, state, attempts, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?) RETURNING *`,
  ),
  requeue: db.prepare<[number, string, string, number, number, string], OutboxRow>(
    `UPDATE outbox SET seq = ?, payload_json = ?, idempotency_key = ?, request_json = NULL, state = 'queued', attempts = 0,
       last_error_json = NULL, next_attempt_at = ?, updated_at = ?, acked_at = NULL WHERE id = ? RETURNING *`,
  ),
  discard: db.prepare<[number, string, number, string], OutboxRow>(
    'UPDATE outbox SET discarded_at = ?, discard_reason = ?, updated_at = ? WHERE id = ? RETURNING *',
  ),
  deletePending: db.prepare<[string]>('DELETE FROM outbox_pending WHERE outbox_id = ?'),
  upsertPending: db.prepare<[string, string, string, string | null, 0 | 1, number]>(
    `INSERT INTO outbox_pending (outbox_id, order_line_id, kind, expected_stage, opens_appeal, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (outbox_id) DO UPDATE SET expected_stage = excluded.expected_stage, opens_appeal = excluded.opens_appeal, created_at = excluded.created_at`,
  ),
}));

/** UPDATE/INSERT … RETURNING on a row the transaction just read or wrote: always there. */
function returned(row: OutboxRow | undefined, id: string): OutboxRow {
  if (!row) throw new AppError('not_found', `no outbox item ${id}`);
  return row;
}

const uuid = (): string => randomUUID();
const DEFAULT_DEPS: EnqueueDeps = { clock: { now: () => Date.now() }, newKey: uuid };

/**
 * Checks the action locally (throws AppError 'validation' | 'conflict' | 'not_found'), then queues it.
 * The checks run inside the transaction, so two actions taken at once are judged one after the other.
 */
export function enqueueAction(
  db: WriteDb,
  input: { orderLineId: string; kind: string; payload?: unknown },
  deps: EnqueueDeps = DEFAULT_DEPS,
): OutboxItem {
  const action = parseAction(input);
  const newKey = deps.newKey ?? uuid;
  return db.transaction(() => {
    const now = deps.clock.now();
    checkAction(db, action.orderLineId, action, now);
    const id = newKey();
    const seq = nextSeq(db);
    const row = returned(
      writes(db).insert.get(
        id,
        seq,
        action.orderLineId,
        action.kind,
        JSON.stringify(action.payload),
        newKey(),
        now,
        now,
        now,
      ),
      id,
    );
    addPending(db, id, action.orderLineId, action, now);
    logEvent(db, id, now, 'enqueued', { kind: action.kind });
    return rowToItem(row);
  })();
}

/**
 * Re-queues a rejected or conflicting item, optionally with an edited payload. It always gets a NEW idempotency
 * key: the marketplace refused (or never applied) the old request, and an edited one is a different request
 * (same key + different request = 422 MKT.2010). It goes to the back of its order line's queue.
 */
export function requeue(db: WriteDb, id: string, newPayload?: unknown, deps: EnqueueDeps = DEFAULT_DEPS): OutboxItem {
  const newKey = deps.newKey ?? uuid;
  return db.transaction(() => {
    const row = getRow(db, id);
    if (!row) throw new AppError('not_found', `no outbox item ${id}`);
    if (row.discarded_at !== null)
      throw new AppError('conflict', 'this item was discarded; take the action again instead');
    if (row.state !== 'rejected' && row.state !== 'conflict') {
      throw new AppError('conflict', `only a rejected or conflicting item can be re-queued; this one is ${row.state}`);
    }
    const action = rowAction(row, newPayload === undefined ? JSON.parse(row.payload_json) : newPayload);
    const payload = action.payload;
    const now = deps.clock.now();
    checkAction(db, row.order_line_id, action, now, id);
    const key = newKey();
    const updated = returned(writes(db).requeue.get(nextSeq(db), JSON.stringify(payload), key, now, now, id), id);
    addPending(db, id, row.order_line_id, action, now);
    logEvent(db, id, now, 'requeued', {
      previousKey: row.idempotency_key,
      edited: newPayload !== undefined,
      previousError: row.last_error_json ? JSON.parse(row.last_error_json) : null,
    });
    return rowToItem(updated);
  })();
}

/**
 * Discards an item the user confirmed dropping: the row stays, marked with when and why.
 * Only items that certainly were not applied can go: queued (never sent), rejected, conflict. An item whose
 * outcome is unknown may already be applied on the marketplace, so it is resent until a definite answer.
 */
export function discard(
  db: WriteDb,
  id: string,
  reason: string,
  deps: Pick<EnqueueDeps, 'clock'> = DEFAULT_DEPS,
): OutboxItem {
  const why = reason.trim();
  if (!why) throw new AppError('validation', 'reason: say why the action is discarded (it is recorded)');
  return db.transaction(() => {
    const row = getRow(db, id);
    if (!row) throw new AppError('not_found', `no outbox item ${id}`);
    if (row.discarded_at !== null) return rowToItem(row);
    // `queued` means nothing was applied: the sender puts an item back to queued only after a definite "not processed".
    if (row.state === 'acked')
      throw new AppError('conflict', 'this action was already applied by the marketplace; there is nothing to discard');
    if (row.state !== 'rejected' && row.state !== 'conflict' && row.state !== 'queued') {
      throw new AppError(
        'conflict',
        `an item that is ${row.state} cannot be discarded: the marketplace may have applied it; it is resent until a definite answer arrives`,
      );
    }
    const now = deps.clock.now();
    const updated = returned(writes(db).discard.get(now, why, now, id), id);
    writes(db).deletePending.run(id);
    logEvent(db, id, now, 'discarded', { reason: why, state: row.state });
    return rowToItem(updated);
  })();
}

function nextSeq(db: ReadDb): number {
  return reads(db).nextSeq.get() ?? 1;
}

function addPending(db: WriteDb, id: string, orderLineId: string, action: ActionPayload, now: number): void {
  const effect = effectOf(action);
  writes(db).upsertPending.run(id, orderLineId, action.kind, effect.expectedStage, effect.opensAppeal ? 1 : 0, now);
}
