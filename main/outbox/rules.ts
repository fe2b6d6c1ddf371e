// Local checks before an action is queued: the order's stage (S3), an open appeal (S5a), a
// pending unsubscription (S5c), appeal attachments (S5), delivery rules (P3, P5, V4) — each with a specific error.
// The order is judged as it will be once the actions already queued for it are applied.
import type { ReadDb } from '../db/connection';
import { perDb } from '../db/statement-cache';
import { AppError } from '../../common/api/result';
import type { Stage, WireOrderLine } from '../../common/marketplace/wire';
import { getOrderLine } from '../orders/order-lines';
import { getAttachment } from '../files/store';
import { attachmentsOf, type ActionPayload, type OutboxKind } from './schemas';

export interface Effect {
  /** The stage the order will be in once the marketplace accepts the action (null: unchanged). */
  expectedStage: Stage | null;
  opensAppeal: boolean;
}

/** What an acked action does to the order (S2, S5a, S5c) — shown as the order's pending state meanwhile. */
export function effectOf(a: ActionPayload): Effect {
  switch (a.kind) {
    case 'request.accept':
      return { expectedStage: 'awaiting_delivery', opensAppeal: false };
    case 'request.reject':
      return { expectedStage: 'request_returned', opensAppeal: false };
    case 'delivery':
      return { expectedStage: 'awaiting_acceptance', opensAppeal: false };
    case 'appeal':
      return { expectedStage: null, opensAppeal: true };
    case 'unsubscription.review':
      return { expectedStage: a.payload.decision === 'agree' ? 'closed' : null, opensAppeal: false };
  }
}

interface PendingRow {
  kind: string;
  expected_stage: Stage | null;
  opens_appeal: number;
}

const reads = perDb((db: ReadDb) => ({
  pending: db.prepare<[string, string | null], PendingRow>(
    `SELECT p.kind, p.expected_stage, p.opens_appeal FROM outbox_pending p JOIN outbox o ON o.id = p.outbox_id
      WHERE p.order_line_id = ? AND p.outbox_id IS NOT ? ORDER BY o.seq`,
  ),
}));

interface Projected {
  line: WireOrderLine;
  stage: Stage;
  appealOpen: boolean;
  unsubscriptionPending: boolean;
}

/** The order as it will be after every still-unsent action on it (excluding `excludeId`, the item being edited). */
function project(db: ReadDb, orderLineId: string, excludeId?: string): Projected {
  const detail = getOrderLine(db, orderLineId);
  if (!detail)
    throw new AppError('not_found', `order line ${orderLineId} is not in the local cache; sync or import it first`);
  const sup = detail.line.supervision;
  if (!sup)
    throw new AppError(
      'validation',
      `order line ${orderLineId} is not under service supervision (S6): there is nothing to act on`,
    );
  const pending = reads(db).pending.all(orderLineId, excludeId ?? null);
  let stage = sup.stage;
  let appealOpen = sup.appealOpen;
  let unsubscriptionPending = sup.unsubscription?.status === 'pending';
  for (const p of pending) {
    if (p.expected_stage) stage = p.expected_stage;
    if (p.opens_appeal === 1) appealOpen = true;
    if (p.kind === 'unsubscription.review') unsubscriptionPending = false;
  }
  return { line: detail.line, stage, appealOpen, unsubscriptionPending };
}

const LABEL: Record<OutboxKind, string> = {
  'request.accept': 'Accepting the request',
  'request.reject': 'Rejecting the request',
  delivery: 'Delivering',
  appeal: 'Appealing',
  'unsubscription.review': 'Reviewing the unsubscription',
};

/** Throws the first rule the action breaks; `now` bounds the enabling time (V4). */
export function checkAction(db: ReadDb, orderLineId: string, a: ActionPayload, now: number, excludeId?: string): void {
  const p = project(db, orderLineId, excludeId);
  const label = LABEL[a.kind];
  if (p.appealOpen) {
    // S5a: the flow is frozen while an appeal is open — for every seller action, a second appeal included.
    const why =
      a.kind === 'appeal' ? 'an appeal is already open (or queued) on this order' : 'an appeal is open on this order';
    throw new AppError(
      'conflict',
      `${label} is not possible: ${why}; the supervision flow is frozen until the marketplace resolves it (S5a)`,
      {
        reason: 'appeal_open',
      },
    );
  }
  switch (a.kind) {
    case 'request.accept':
    case 'request.reject':
      if (p.stage !== 'request_pending') throw stageError(label, p.stage, ['request_pending'], 'S3');
      break;
    case 'delivery':
      if (p.stage !== 'awaiting_delivery' && p.stage !== 'delivery_returned') {
        throw stageError(label, p.stage, ['awaiting_delivery', 'delivery_returned'], 'S3');
      }
      checkDelivery(p.line, a.payload, now);
      break;
    case 'appeal':
      if (p.stage === 'completed' || p.stage === 'closed') {
        throw new AppError(
          'conflict',
          `${label} is not possible: the order is ${p.stage} (S5a allows an appeal in any open stage)`,
          {
            reason: 'stage',
            stage: p.stage,
          },
        );
      }
      if (a.payload.customerUnreachable && !a.payload.attachments.some((x) => x.category === 'commitment_letter')) {
        throw new AppError(
          'validation',
          'payload.attachments: a letter of commitment (commitment_letter) is required when the customer cannot be reached (S5)',
          {
            reason: 'commitment_letter_required',
          },
        );
      }
      break;
    case 'unsubscription.review':
      if (!p.unsubscriptionPending) {
        throw new AppError(
          'conflict',
          `${label} is not possible: the order has no pending unsubscription request (or its review is already queued) (S5c)`,
          {
            reason: 'no_pending_unsubscription',
          },
        );
      }
      break;
  }
  for (const att of attachmentsOf(a)) {
    if (!getAttachment(db, att.sha256)) {
      throw new AppError(
        'validation',
        `payload.attachments: file ${att.sha256.slice(0, 12)}… is not in the attachment store; add it first`,
        {
          reason: 'missing_attachment',
          sha256: att.sha256,
        },
      );
    }
  }
}

function stageError(label: string, stage: Stage, allowed: Stage[], rule: string): AppError {
  return new AppError(
    'conflict',
    `${label} is only possible in stage ${allowed.join(' or ')}; this order is in ${stage} (${rule})`,
    {
      reason: 'stage',
      stage,
      allowed,
    },
  );
}

function checkDelivery(
  line: WireOrderLine,
  d: Extract<ActionPayload, { kind: 'delivery' }>['payload'],
  now: number,
): void {
  // P5: a proof filled against another template version is kept but not sent until reviewed.
  if (line.templateVersion != null && d.templateVersion !== line.templateVersion) {
    throw new AppError(
      'conflict',
      `the delivery was filled against template version ${d.templateVersion}; the order now uses version ${line.templateVersion} (P5)`,
      {
        reason: 'template_outdated',
      },
    );
  }
  // P3 (decided here): a proof carries at least one acceptance or SOW document.
  if (!d.attachments.some((x) => x.category === 'acceptance' || x.category === 'sow')) {
    throw new AppError(
      'validation',
      'payload.attachments: a delivery proof needs at least one acceptance or sow attachment (P3)',
      {
        reason: 'proof_document_required',
      },
    );
  }
  // V4 (decided here): placement time ≤ enabling time ≤ the moment of submission.
  if (d.enablingTime !== null) {
    const placed = Date.parse(line.createTime);
    if (d.enablingTime < placed) {
      throw new AppError(
        'validation',
        `payload.enablingTime: the enabling time may not be earlier than the order's placement time ${line.createTime} (V4)`,
        {
          reason: 'enabling_time_before_placement',
        },
      );
    }
    if (d.enablingTime > now) {
      throw new AppError(
        'validation',
        'payload.enablingTime: the enabling time may not be later than now, the moment the proof is submitted (V4)',
        {
          reason: 'enabling_time_in_future',
        },
      );
    }
  }
}
