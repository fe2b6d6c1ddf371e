// docs/rules.md S2–S5c as the marketplace enforces them: every move of an order line's supervision, by whoever acts.
// Each function checks first and mutates only when allowed, so a refusal carries the unchanged current line.
// The caller persists the result (version + 1, updateTime, a new feed position — store.saveLine).
import { canTransition } from '../common/domain/supervision';
import { isoFromMs } from '../common/domain/time';
import { parseMoney } from '../common/domain/money';
import {
  RESULT,
  type AttachmentCategory,
  type AttachmentRef,
  type Stage,
  type Supervision,
  type SupervisionEvent,
  type WireOrderLine,
} from '../common/marketplace/wire';
import { SimError, validation } from './responses';
import { computeValidity } from './validity';

export type OrderLine = WireOrderLine;
export type DeliveryAttachment = AttachmentRef & { category: AttachmentCategory };

export interface TransitionContext {
  now: number;
  newId(prefix: string): string;
}

/** O2a: a supervised order becomes COMPLETED this long after the customer accepts. */
export const COMPLETE_AFTER_ACCEPT_MS = 3 * 3_600_000;

const OPEN_STAGES: readonly Stage[] = [
  'awaiting_request',
  'request_pending',
  'request_returned',
  'awaiting_delivery',
  'delivery_returned',
  'awaiting_acceptance',
];

export function conflict(line: OrderLine, message: string, code: string = RESULT.stageConflict): SimError {
  return new SimError(409, code, message, { orderLine: line });
}

function supervised(line: OrderLine): Supervision {
  // S6: renewals and pay-per-use lines are not supervised — no supervision action applies.
  if (!line.supervision) throw conflict(line, `order line ${line.orderLineId} is not under service supervision (S6)`);
  return line.supervision;
}

/** S5a: while an appeal is open neither side can act. */
function notFrozen(line: OrderLine, sup: Supervision): void {
  if (sup.appealOpen)
    throw conflict(
      line,
      `an appeal is open on ${line.orderLineId}; the supervision flow is frozen (S5a)`,
      RESULT.appealOpen,
    );
}

function checkMove(line: OrderLine, sup: Supervision, allowedFrom: readonly Stage[], to: Stage, what: string): void {
  if (!allowedFrom.includes(sup.stage) || !canTransition(sup.stage, to)) {
    throw conflict(line, `${what} is not allowed in stage ${sup.stage} (S2/S3)`);
  }
}

function addEvent(
  sup: Supervision,
  at: number,
  actor: SupervisionEvent['actor'],
  type: string,
  note?: string | null,
): void {
  sup.events.push(note ? { at: isoFromMs(at), actor, type, note } : { at: isoFromMs(at), actor, type });
}

export function customerSubmitRequest(
  line: OrderLine,
  ctx: TransitionContext,
  input: { description: string; attachments: AttachmentRef[] },
): void {
  const sup = supervised(line);
  notFrozen(line, sup);
  checkMove(line, sup, ['awaiting_request', 'request_returned'], 'request_pending', 'submitting a request');
  const resubmit = sup.stage === 'request_returned';
  sup.request = {
    requestId: ctx.newId('RQ'),
    submittedAt: isoFromMs(ctx.now),
    description: input.description,
    attachments: input.attachments,
  };
  sup.stage = 'request_pending';
  addEvent(
    sup,
    ctx.now,
    'customer',
    resubmit ? 'request_resubmitted' : 'request_submitted',
    input.description.slice(0, 200),
  );
}

/** S3: the seller accepts a request only in request_pending. */
export function sellerAcceptRequest(line: OrderLine, ctx: TransitionContext): void {
  const sup = supervised(line);
  notFrozen(line, sup);
  checkMove(line, sup, ['request_pending'], 'awaiting_delivery', 'accepting the request');
  sup.stage = 'awaiting_delivery';
  addEvent(sup, ctx.now, 'seller', 'request_accepted');
}

/** S1/S3: a rejection needs a reason and sends the request back to the customer. */
export function sellerRejectRequest(line: OrderLine, ctx: TransitionContext, reason: string): void {
  const sup = supervised(line);
  notFrozen(line, sup);
  checkMove(line, sup, ['request_pending'], 'request_returned', 'rejecting the request');
  sup.stage = 'request_returned';
  sup.requestRejections += 1;
  addEvent(sup, ctx.now, 'seller', 'request_rejected', reason);
}

export interface DeliveryInput {
  templateVersion: number;
  enablingTimeMs: number | null;
  content: Record<string, unknown>;
  attachments: DeliveryAttachment[];
}

/** S3/S4: deliver in awaiting_delivery or delivery_returned → awaiting_acceptance. */
export function sellerDeliver(line: OrderLine, ctx: TransitionContext, input: DeliveryInput): void {
  const sup = supervised(line);
  notFrozen(line, sup);
  checkMove(line, sup, ['awaiting_delivery', 'delivery_returned'], 'awaiting_acceptance', 'delivering');
  sup.delivery = {
    deliveryId: ctx.newId('DL'),
    submittedAt: isoFromMs(ctx.now),
    enablingTime: input.enablingTimeMs === null ? null : isoFromMs(input.enablingTimeMs),
    templateVersion: input.templateVersion,
    content: input.content,
    attachments: input.attachments,
  };
  sup.stage = 'awaiting_acceptance';
  addEvent(sup, ctx.now, 'seller', 'delivery_submitted');
}

/** S4 + V1/V2: the customer accepts; validity starts at the enabling time or now; COMPLETED follows 3 h later (O2a). */
export function customerAcceptDelivery(line: OrderLine, ctx: TransitionContext): void {
  const sup = supervised(line);
  notFrozen(line, sup);
  checkMove(line, sup, ['awaiting_acceptance'], 'completed', 'accepting the delivery');
  complete(line, sup, ctx.now);
  addEvent(sup, ctx.now, 'customer', 'delivery_accepted');
}

function complete(line: OrderLine, sup: Supervision, now: number): void {
  const enabling = sup.delivery?.enablingTime ? Date.parse(sup.delivery.enablingTime) : null;
  sup.stage = 'completed';
  sup.acceptedAt = isoFromMs(now);
  const v = computeValidity({
    chargingMode: line.chargingMode,
    periodType: line.periodType,
    periodNumber: line.periodNumber,
    enablingTimeMs: enabling,
    acceptedAtMs: now,
  });
  line.validity = v ? { start: isoFromMs(v.startMs), end: isoFromMs(v.endMs) } : null;
}

/** S2/S5b: the customer returns a delivery; the seller must deliver again. */
export function customerReturnDelivery(line: OrderLine, ctx: TransitionContext, reason: string): void {
  const sup = supervised(line);
  notFrozen(line, sup);
  checkMove(line, sup, ['awaiting_acceptance'], 'delivery_returned', 'returning the delivery');
  sup.stage = 'delivery_returned';
  sup.deliveryRejections += 1;
  addEvent(sup, ctx.now, 'customer', 'delivery_returned', reason);
}

/** S5c: a negotiated unsubscription request, 0 < amount ≤ paid, while supervision is open. */
export function customerRequestUnsubscription(
  line: OrderLine,
  ctx: TransitionContext,
  input: { amount: string; reason: string },
): void {
  const sup = supervised(line);
  notFrozen(line, sup);
  if (!OPEN_STAGES.includes(sup.stage))
    throw conflict(line, `an unsubscription cannot be requested in stage ${sup.stage} (S5c)`);
  if (sup.unsubscription?.status === 'pending')
    throw conflict(line, `an unsubscription request is already pending on ${line.orderLineId}`);
  const amount = parseMoney(input.amount);
  if (amount <= 0 || amount > parseMoney(line.amount)) {
    throw validation([{ field: 'amount', message: `must be more than 0 and at most the paid ${line.amount} (S5c)` }]);
  }
  sup.unsubscription = {
    requestId: ctx.newId('US'),
    amount: input.amount,
    reason: input.reason,
    requestedAt: isoFromMs(ctx.now),
    status: 'pending',
  };
  addEvent(sup, ctx.now, 'customer', 'unsubscription_requested', `${input.amount} ${line.currency}: ${input.reason}`);
}

/** S5c: the seller agrees (→ closed, refunded) or rejects the pending request. */
export function sellerReviewUnsubscription(
  line: OrderLine,
  ctx: TransitionContext,
  input: { decision: 'agree' | 'reject'; comments: string },
): void {
  const sup = supervised(line);
  notFrozen(line, sup);
  if (!sup.unsubscription || sup.unsubscription.status !== 'pending')
    throw conflict(line, `no unsubscription request is pending on ${line.orderLineId} (S5c)`);
  if (input.decision === 'agree') {
    checkMove(line, sup, OPEN_STAGES, 'closed', 'agreeing to the unsubscription');
    sup.unsubscription.status = 'agreed';
    close(line, sup);
    addEvent(sup, ctx.now, 'seller', 'unsubscription_agreed', input.comments);
  } else {
    sup.unsubscription.status = 'rejected';
    addEvent(sup, ctx.now, 'seller', 'unsubscription_rejected', input.comments);
  }
}

function close(line: OrderLine, sup: Supervision): void {
  sup.stage = 'closed';
  line.status = 'CANCELED'; // O2a: refunded during supervision
}

/** S5/S5a: an appeal can be raised in any open stage; one at a time. */
export function sellerOpenAppeal(line: OrderLine, ctx: TransitionContext, input: { reason: string }): void {
  const sup = supervised(line);
  notFrozen(line, sup);
  if (!OPEN_STAGES.includes(sup.stage)) throw conflict(line, `an appeal cannot be raised in stage ${sup.stage} (S5a)`);
  sup.appealOpen = true;
  addEvent(sup, ctx.now, 'seller', 'appeal_opened', input.reason);
}

export const APPEAL_OUTCOMES = ['resume', 'completed', 'closed'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/**
 * The marketplace resolves an appeal: `resume` unfreezes the flow where it stood; `completed` completes
 * supervision (only from awaiting_acceptance — the customer who never accepts, S5); `closed` ends it with a refund.
 */
export function resolveAppeal(line: OrderLine, ctx: TransitionContext, outcome: AppealOutcome, note?: string): void {
  const sup = supervised(line);
  if (!sup.appealOpen) throw conflict(line, `no appeal is open on ${line.orderLineId}`);
  if (outcome === 'completed') checkMove(line, sup, ['awaiting_acceptance'], 'completed', 'completing by appeal');
  if (outcome === 'closed') checkMove(line, sup, OPEN_STAGES, 'closed', 'closing by appeal');
  sup.appealOpen = false;
  if (outcome === 'completed') complete(line, sup, ctx.now);
  if (outcome === 'closed') close(line, sup);
  addEvent(sup, ctx.now, 'marketplace', 'appeal_resolved', note ? `${outcome}: ${note}` : outcome);
}

/** O2a: when a completed line's order status turns COMPLETED (null when nothing is due). */
export function completeAtFor(line: OrderLine): number | null {
  const sup = line.supervision;
  if (!sup || sup.stage !== 'completed' || line.status !== 'PROCESSING' || !sup.acceptedAt) return null;
  return Date.parse(sup.acceptedAt) + COMPLETE_AFTER_ACCEPT_MS;
}

/** O2a: the order status becomes COMPLETED (the marketplace's own move, at `at`). */
export function markCompleted(line: OrderLine, at: number): void {
  line.status = 'COMPLETED';
  if (line.supervision) addEvent(line.supervision, at, 'marketplace', 'order_completed');
}
