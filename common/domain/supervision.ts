// docs/rules.md S1–S6: the supervision processes, stages and which transitions exist.
import type { Stage, SupervisionProcess } from '../marketplace/wire';

/** S1: 2025-03-26 00:00 UTC+8 — orders placed on or after it follow the request-first process. */
export const REQUEST_FIRST_CUTOVER_MS = Date.UTC(2025, 2, 25, 16, 0, 0);

export function processForPlacement(placedAtMs: number): SupervisionProcess {
  return placedAtMs >= REQUEST_FIRST_CUTOVER_MS ? 'REQUEST_FIRST' : 'LEGACY';
}

/** S2: the first stage of a supervised order line. */
export function initialStage(process: SupervisionProcess): Stage {
  return process === 'LEGACY' ? 'awaiting_delivery' : 'awaiting_request';
}

/** S2: every transition that exists; anything else is refused. `closed` is reachable from any open stage (S5c). */
const TRANSITIONS: Record<Stage, readonly Stage[]> = {
  awaiting_request: ['request_pending', 'closed'],
  request_pending: ['request_returned', 'awaiting_delivery', 'closed'],
  request_returned: ['request_pending', 'closed'],
  awaiting_delivery: ['awaiting_acceptance', 'closed'],
  delivery_returned: ['awaiting_acceptance', 'closed'],
  awaiting_acceptance: ['completed', 'delivery_returned', 'closed'],
  completed: [],
  closed: [],
};

export function canTransition(from: Stage, to: Stage): boolean {
  return TRANSITIONS[from].includes(to);
}

export type SellerAction = 'request.accept' | 'request.reject' | 'deliver' | 'appeal' | 'unsubscription.review';

/** Stages the seller is expected to act in (S3) — "Needs my action". */
export const SELLER_ACTION_STAGES: readonly Stage[] = ['request_pending', 'awaiting_delivery', 'delivery_returned'];
/** Stages where the ball is in the customer's court — "Awaiting customer". */
export const CUSTOMER_WAIT_STAGES: readonly Stage[] = ['awaiting_request', 'request_returned', 'awaiting_acceptance'];
export const OPEN_STAGES: readonly Stage[] = [
  'awaiting_request',
  'request_pending',
  'request_returned',
  'awaiting_delivery',
  'delivery_returned',
  'awaiting_acceptance',
];
