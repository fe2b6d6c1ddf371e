// "Deliver service": validate the draft against its template version, then queue the delivery
// through the outbox — the outbox row (with its idempotency key made now) and the draft marked `queued` in ONE
// transaction, so a crash leaves either both or neither. One delivery per submission (P4): a queued or delivered
// draft is refused; the outbox resends the same key until the marketplace answers.
import { AppError } from '../../common/api/result';
import { wireContent } from '../../common/domain/proof-rules';
import type { Db } from '../db/connection';
import { enqueueAction } from '../outbox/enqueue';
import type { OutboxItem } from '../outbox/repo';
import { isDeliverable, requireOrder, requireTemplate } from './draft-context';
import type { Clock, Draft } from './draft-types';
import { logDraftEvent, markDraftSubmitted, requireDraft, setDraftState } from './drafts-repo';
import { reconcileDrafts } from './reconcile';
import { validateLoaded } from './validate-draft';

export interface SubmitDeps {
  clock: Clock;
  /** Idempotency keys and outbox ids (default: UUIDs). */
  newKey?: () => string;
}

export interface SubmitResult {
  draft: Draft;
  outboxItem: OutboxItem;
}

export function submitDraft(db: Db, draftId: string, deps: SubmitDeps): SubmitResult {
  // P5 first: if the order moved on since the draft was started, the draft is marked (and that is kept) before
  // anything is refused, so the user sees what changed.
  reconcileDrafts(db, requireDraft(db, draftId).orderLineId, deps);
  return db.transaction(() => {
    const d = requireDraft(db, draftId);
    if (d.state === 'queued' || d.state === 'delivered') {
      throw new AppError(
        'conflict',
        `this draft was already submitted (${d.state}); a draft delivers once (P4) — start a new draft to deliver again`,
        {
          reason: 'already_submitted',
          state: d.state,
          outboxId: d.outboxId,
        },
      );
    }
    const order = requireOrder(db, d.orderLineId);
    if (order.appealOpen) {
      throw new AppError(
        'conflict',
        'Delivering is not possible: an appeal is open on this order; the supervision flow is frozen until the marketplace resolves it (S5a)',
        {
          reason: 'appeal_open',
        },
      );
    }
    if (!isDeliverable(order.stage)) {
      throw new AppError(
        'conflict',
        `Delivering is only possible in stage awaiting_delivery or delivery_returned; this order is in ${order.stage ?? 'no supervision stage'} (S3). The draft is kept${d.state === 'conflict' ? ', marked in conflict' : ''} (P5).`,
        {
          reason: 'stage',
          stage: order.stage,
          allowed: ['awaiting_delivery', 'delivery_returned'],
          conflict: d.conflict,
        },
      );
    }
    if (d.state === 'conflict') {
      throw new AppError(
        'conflict',
        `${d.conflict?.message ?? 'This draft is in conflict.'} Resolve it before delivering.`,
        { reason: 'draft_conflict', conflict: d.conflict },
      );
    }
    const template = requireTemplate(db, d.productId, d.templateVersion);
    const now = deps.clock.now();
    const check = validateLoaded(db, d, order, template, now);
    if (!check.ok) {
      const n = check.issues.length;
      throw new AppError(
        'validation',
        `The delivery proof has ${n} problem${n === 1 ? '' : 's'}: ${check.issues[0].message}`,
        {
          reason: 'invalid_proof',
          issues: check.issues,
        },
      );
    }
    // The outbox checks stage, appeal and V4 again against the order as its queued actions will leave it.
    const outboxItem = enqueueAction(
      db,
      {
        orderLineId: d.orderLineId,
        kind: 'delivery',
        payload: {
          templateVersion: d.templateVersion,
          enablingTime: d.enablingTime,
          content: wireContent(template, d.content),
          attachments: d.attachments.map((a) => ({ sha256: a.sha256, category: a.category, fileName: a.fileName })),
        },
      },
      { clock: { now: () => now }, newKey: deps.newKey },
    );
    setDraftState(db, d.id, { state: 'queued', conflict: null, outboxId: outboxItem.id });
    const draft = markDraftSubmitted(db, d.id, now);
    logDraftEvent(db, d.id, now, 'submitted', {
      outboxId: outboxItem.id,
      idempotencyKey: outboxItem.idempotencyKey,
      revision: d.revision,
    });
    return { draft, outboxItem };
  })();
}
