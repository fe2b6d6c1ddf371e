// P5: a draft whose order moved on while it was written is KEPT and marked in conflict with what changed — never
// silently submitted or discarded. Call reconcileDrafts after a pull stored a new state of the
// order line, and after the outbox answered a delivery (acked → delivered; 409 MKT.2001/2002/2003 → conflict).
import { AppError } from '../../common/api/result';
import { RESULT } from '../../common/marketplace/wire';
import type { OrderDetail } from '../../common/api/types';
import type { Db } from '../db/connection';
import { getOrderLine } from '../orders/order-lines';
import { discard } from '../outbox/enqueue';
import { getOutboxItem, OPEN_STATES, type OutboxItem } from '../outbox/repo';
import { currentTemplateVersion, describeChanges, isDeliverable, requireOrder } from './draft-context';
import type { Clock, Draft, DraftChange, DraftConflict, DraftState } from './draft-types';
import {
  draftsOfLine,
  logDraftEvent,
  orderLinesWithOpenDrafts,
  requireDraft,
  rowToDraft,
  setDraftState,
} from './drafts-repo';

export interface DraftTransition {
  draftId: string;
  from: DraftState;
  to: DraftState;
  changes: DraftChange[];
}

/** P5: how the order now differs from what the draft was started against (stage, status, template version). */
export function orderChanges(db: Db, d: Draft, order: OrderDetail): DraftChange[] {
  const changes: DraftChange[] = [];
  if (order.stage !== d.baseStage) changes.push({ field: 'stage', from: d.baseStage, to: order.stage });
  if (order.status !== d.baseStatus) changes.push({ field: 'status', from: d.baseStatus, to: order.status });
  const version = currentTemplateVersion(db, order);
  if (version !== null && version !== d.templateVersion)
    changes.push({ field: 'templateVersion', from: d.templateVersion, to: version });
  return changes;
}

function conflictOf(
  cause: DraftConflict['cause'],
  changes: DraftChange[],
  now: number,
  item?: OutboxItem,
): DraftConflict {
  const c: DraftConflict = { cause, changes, message: '', detectedAt: now };
  if (item?.lastError?.resultCode) c.resultCode = item.lastError.resultCode;
  if (item?.lastError?.fields) c.fields = item.lastError.fields;
  const what = changes.length ? describeChanges(changes) : 'the order changed';
  c.message =
    cause === 'order_moved'
      ? `The order moved on while this draft was written: ${what}. The draft is kept; review it before delivering (P5).`
      : `The marketplace did not take this delivery${item?.lastError ? ` (${item.lastError.resultCode ?? item.lastError.kind}: ${item.lastError.message})` : ''}: ${what}. The draft is kept; review it and deliver again (P5).`;
  return c;
}

/** What the queued delivery's outcome means for the draft. */
function refusedChanges(db: Db, d: Draft, order: OrderDetail, item: OutboxItem): DraftChange[] {
  const changes = orderChanges(db, d, order);
  if (item.lastError?.resultCode === RESULT.appealOpen || order.appealOpen)
    changes.push({
      field: 'appealOpen',
      from: false,
      to: order.appealOpen || item.lastError?.resultCode === RESULT.appealOpen,
    });
  if (changes.length === 0) changes.push({ field: 'outbox', from: 'queued', to: item.state });
  return changes;
}

function reconcileOne(db: Db, d: Draft, order: OrderDetail, now: number): DraftTransition | null {
  if (d.state === 'delivered') return null;
  let item = d.outboxId ? getOutboxItem(db, d.outboxId) : null;
  let unlinked: DraftTransition | null = null;
  if (d.outboxId && (!item || item.discardedAt !== null)) {
    // The user discarded the queued delivery (Sync Center, recorded there): the draft is theirs to edit again.
    const unlinkedDraft = setDraftState(db, d.id, {
      state: d.state === 'queued' ? 'editing' : d.state,
      conflict: d.conflict,
      outboxId: null,
    });
    logDraftEvent(db, d.id, now, 'unlinked', { outboxId: d.outboxId, reason: 'outbox item discarded' });
    const before = d.state;
    d = rowToDraft(unlinkedDraft);
    item = null;
    if (before !== d.state)
      unlinked = {
        draftId: d.id,
        from: before,
        to: d.state,
        changes: [{ field: 'outbox', from: before, to: 'discarded' }],
      };
  }
  const move = (to: DraftState, conflict: DraftConflict | null): DraftTransition => {
    setDraftState(db, d.id, { state: to, conflict });
    logDraftEvent(db, d.id, now, to, conflict ?? { outboxId: d.outboxId });
    return { draftId: d.id, from: d.state, to, changes: conflict?.changes ?? [] };
  };
  if (item) {
    if (item.state === 'acked') return move('delivered', null);
    if (OPEN_STATES.includes(item.state)) return d.state === 'queued' ? null : move('queued', null);
    // rejected or conflict (409 MKT.2001/2002/2003): kept, in conflict, with the marketplace's reason.
    if (d.state === 'conflict' && d.conflict?.cause === 'marketplace_refused') return null;
    return move('conflict', conflictOf('marketplace_refused', refusedChanges(db, d, order, item), now, item));
  }
  const changes = orderChanges(db, d, order);
  if (changes.length === 0) return unlinked;
  if (d.state === 'editing') return move('conflict', conflictOf('order_moved', changes, now));
  if (
    d.state === 'conflict' &&
    d.conflict?.cause === 'order_moved' &&
    JSON.stringify(d.conflict.changes) !== JSON.stringify(changes)
  ) {
    // Moved on further: keep the conflict, say what changed now.
    setDraftState(db, d.id, { state: 'conflict', conflict: conflictOf('order_moved', changes, now) });
    logDraftEvent(db, d.id, now, 'conflict_updated', { changes });
    return { draftId: d.id, from: 'conflict', to: 'conflict', changes };
  }
  return unlinked;
}

/** Re-judges every draft of an order line against the stored order and its outbox item. Returns what moved. */
export function reconcileDrafts(db: Db, orderLineId: string, deps: { clock: Clock }): DraftTransition[] {
  return db.transaction(() => {
    const order = getOrderLine(db, orderLineId);
    if (!order) return [];
    const now = deps.clock.now();
    const out: DraftTransition[] = [];
    for (const d of draftsOfLine(db, orderLineId)) {
      const t = reconcileOne(db, d, order, now);
      if (t) out.push(t);
    }
    return out;
  })();
}

/** reconcileDrafts for every order line with an open draft (after a whole pull or outbox pass). */
export function reconcileAllDrafts(db: Db, deps: { clock: Clock }): DraftTransition[] {
  const lines = orderLinesWithOpenDrafts(db);
  return lines.flatMap((id) => reconcileDrafts(db, id, deps));
}

/**
 * The user reviewed a conflicting draft and keeps it for the order as it is now: allowed when the order can take a
 * delivery again (S3) and the draft is on the order's template version (else moveDraftToTemplate first). A
 * refused delivery still linked to it is discarded in the outbox (recorded there), so only the next submission
 * can deliver.
 */
export function resolveConflict(db: Db, draftId: string, deps: { clock: Clock }): Draft {
  const d0 = requireDraft(db, draftId);
  reconcileDrafts(db, d0.orderLineId, deps);
  return db.transaction(() => {
    const d = requireDraft(db, draftId);
    if (d.state !== 'conflict')
      throw new AppError('conflict', `this draft is ${d.state}, not in conflict`, {
        reason: 'not_in_conflict',
        state: d.state,
      });
    const order = requireOrder(db, d.orderLineId);
    if (!isDeliverable(order.stage)) {
      throw new AppError(
        'conflict',
        `the order is in ${order.stage ?? 'no supervision stage'}; it cannot take a delivery now (S3). Keep the draft or delete it.`,
        {
          reason: 'stage',
          stage: order.stage,
        },
      );
    }
    const version = currentTemplateVersion(db, order);
    if (version !== null && version !== d.templateVersion) {
      throw new AppError(
        'conflict',
        `the order now uses template version ${version}; move the draft from version ${d.templateVersion} to it first (P5)`,
        {
          reason: 'template_outdated',
          templateVersion: version,
        },
      );
    }
    return rebaseline(db, d, order, deps.clock.now(), 'resolved');
  })();
}

/** Clears a conflict: the draft is judged against the order as it is now (and its refused delivery is let go). */
export function rebaseline(
  db: Db,
  d: Draft,
  order: OrderDetail,
  now: number,
  event: string,
  detail?: Record<string, unknown>,
): Draft {
  let outboxId = d.outboxId;
  if (outboxId) {
    const item = getOutboxItem(db, outboxId);
    if (item && item.discardedAt === null && (item.state === 'conflict' || item.state === 'rejected')) {
      discard(
        db,
        outboxId,
        `superseded: delivery-proof draft ${d.id} was reviewed after the marketplace refused it (P5)`,
        { clock: { now: () => now } },
      );
    } else if (item && item.discardedAt === null) {
      throw new AppError('conflict', `the draft's delivery is ${item.state}; it cannot be reopened`, {
        reason: `outbox_${item.state}`,
      });
    }
    outboxId = null;
  }
  const draft = setDraftState(db, d.id, {
    state: 'editing',
    conflict: null,
    outboxId,
    baseStage: order.stage,
    baseStatus: order.status,
  });
  logDraftEvent(db, d.id, now, event, { previous: d.conflict, outboxId: d.outboxId, ...detail });
  return rowToDraft(draft);
}
