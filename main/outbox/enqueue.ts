// Taking a seller action: ONE local transaction holds the local state change (the order's pending
// state) and the outbox row with an idempotency key made now, when the user acts (docs/marketplace-api.md).
// Re-queue and discard are the user's only ways out of `rejected` / `conflict`; a discard is recorded.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../common/api/result';
import { getRow, logEvent, rowToItem, type OutboxItem } from './repo';
import { checkAction, effectOf } from './rules';
import { parseAction, parsePayload, type ActionPayload } from './schemas';

export interface EnqueueDeps {
  clock: { now(): number };
  /** Idempotency keys (and item ids): a UUID. Injected so tests are deterministic. */
  newKey?: () => string;
}

const uuid = (): string => randomUUID();
const DEFAULT_DEPS: EnqueueDeps = { clock: { now: () => Date.now() }, newKey: uuid };

/**
 * Checks the action locally (throws AppError 'validation' | 'conflict' | 'not_found'), then queues it.
 * The checks run inside the transaction, so two actions taken at once are judged one after the other.
 */
export function enqueueAction(db: Database.Database, input: { orderLineId: string; kind: string; payload?: unknown }, deps: EnqueueDeps = DEFAULT_DEPS): OutboxItem {
  const action = parseAction(input);
  const newKey = deps.newKey ?? uuid;
  return db.transaction(() => {
    const now = deps.clock.now();
    checkAction(db, action.orderLineId, action, now);
    const id = newKey();
    const seq = nextSeq(db);
    db.prepare(
      `INSERT INTO outbox (id, seq, order_line_id, kind, payload_json, idempotency_key, state, attempts, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)`,
    ).run(id, seq, action.orderLineId, action.kind, JSON.stringify(action.payload), newKey(), now, now, now);
    addPending(db, id, action.orderLineId, action, now);
    logEvent(db, id, now, 'enqueued', { kind: action.kind });
    return rowToItem(getRow(db, id)!);
  })();
}

/**
 * Re-queues a rejected or conflicting item, optionally with an edited payload. It always gets a NEW idempotency
 * key: the marketplace refused (or never applied) the old request, and an edited one is a different request
 * (same key + different request = 422 MKT.2010). It goes to the back of its order line's queue.
 */
export function requeue(db: Database.Database, id: string, newPayload?: unknown, deps: EnqueueDeps = DEFAULT_DEPS): OutboxItem {
  const newKey = deps.newKey ?? uuid;
  return db.transaction(() => {
    const row = getRow(db, id);
    if (!row) throw new AppError('not_found', `no outbox item ${id}`);
    if (row.discarded_at !== null) throw new AppError('conflict', 'this item was discarded; take the action again instead');
    if (row.state !== 'rejected' && row.state !== 'conflict') {
      throw new AppError('conflict', `only a rejected or conflicting item can be re-queued; this one is ${row.state}`);
    }
    const payload = parsePayload(row.kind as ActionPayload['kind'], newPayload === undefined ? JSON.parse(row.payload_json) : newPayload);
    const action = { kind: row.kind, payload } as ActionPayload;
    const now = deps.clock.now();
    checkAction(db, row.order_line_id, action, now, id);
    const key = newKey();
    db.prepare(
      `UPDATE outbox SET seq = ?, payload_json = ?, idempotency_key = ?, request_json = NULL, state = 'queued', attempts = 0,
         last_error_json = NULL, next_attempt_at = ?, updated_at = ?, acked_at = NULL WHERE id = ?`,
    ).run(nextSeq(db), JSON.stringify(payload), key, now, now, id);
    addPending(db, id, row.order_line_id, action, now);
    logEvent(db, id, now, 'requeued', { previousKey: row.idempotency_key, edited: newPayload !== undefined, previousError: row.last_error_json ? JSON.parse(row.last_error_json) : null });
    return rowToItem(getRow(db, id)!);
  })();
}

/**
 * Discards an item the user confirmed dropping: the row stays, marked with when and why.
 * Only items that certainly were not applied can go: queued (never sent), rejected, conflict. An item whose
 * outcome is unknown may already be applied on the marketplace, so it is resent until a definite answer.
 */
export function discard(db: Database.Database, id: string, reason: string, deps: Pick<EnqueueDeps, 'clock'> = DEFAULT_DEPS): OutboxItem {
  const why = reason.trim();
  if (!why) throw new AppError('validation', 'reason: say why the action is discarded (it is recorded)');
  return db.transaction(() => {
    const row = getRow(db, id);
    if (!row) throw new AppError('not_found', `no outbox item ${id}`);
    if (row.discarded_at !== null) return rowToItem(row);
    // `queued` means nothing was applied: the sender puts an item back to queued only after a definite "not processed".
    if (row.state === 'acked') throw new AppError('conflict', 'this action was already applied by the marketplace; there is nothing to discard');
    if (row.state !== 'rejected' && row.state !== 'conflict' && row.state !== 'queued') {
      throw new AppError('conflict', `an item that is ${row.state} cannot be discarded: the marketplace may have applied it; it is resent until a definite answer arrives`);
    }
    const now = deps.clock.now();
    db.prepare('UPDATE outbox SET discarded_at = ?, discard_reason = ?, updated_at = ? WHERE id = ?').run(now, why, now, id);
    db.prepare('DELETE FROM outbox_pending WHERE outbox_id = ?').run(id);
    logEvent(db, id, now, 'discarded', { reason: why, state: row.state });
    return rowToItem(getRow(db, id)!);
  })();
}

function nextSeq(db: Database.Database): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) + 1 FROM outbox').pluck().get() as number) ?? 1;
}

function addPending(db: Database.Database, id: string, orderLineId: string, action: ActionPayload, now: number): void {
  const effect = effectOf(action);
  db.prepare(
    `INSERT INTO outbox_pending (outbox_id, order_line_id, kind, expected_stage, opens_appeal, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (outbox_id) DO UPDATE SET expected_stage = excluded.expected_stage, opens_appeal = excluded.opens_appeal, created_at = excluded.created_at`,
  ).run(id, orderLineId, action.kind, effect.expectedStage, effect.opensAppeal ? 1 : 0, now);
}
