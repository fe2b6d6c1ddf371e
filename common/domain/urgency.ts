// S7 (with S3, S5, S5a, S5c): what the marketplace's rules make urgent on a supervised line — who must move,
// for how many days the other side has been silent, whether an appeal is possible, the 180-day flag — and the
// "most urgent first" order. The list query filters and sorts by the same rules in SQL (order-filters.ts,
// 0100-urgency.sql); the tests hold both to these functions.
import type { Stage } from '../marketplace/wire';
import { OPEN_STAGES, SELLER_ACTION_STAGES } from './supervision';
import { DAY_MS } from './time';

/** S7: this many rejections (of requests by the seller, or of deliveries by the customer) make an appeal possible. */
export const APPEAL_REJECTIONS = 3;
/** S5: an order not accepted this many days after placement is flagged separately. */
export const LONG_UNACCEPTED_DAYS = 180;

/** UTC+8 (O4), in ms: the marketplace's day starts at 16:00 UTC. */
const MARKET_OFFSET_MS = 8 * 3_600_000;

export type WaitingOn = 'seller' | 'customer' | 'marketplace';
/** Why the seller must act: the stage itself (S3), or a refund request waiting for review in any stage (S5c). */
export type ActionReason = 'request' | 'delivery' | 'redelivery' | 'refund_request';
/** Why an appeal is possible (S7). */
export type AppealReason = 'silence' | 'rejections';

export interface UrgencyFacts {
  stage: Stage | null;
  /** UTC ms of the last move (when the current stage began); null when not supervised. */
  stageSince: number | null;
  placedAt: number;
  appealOpen: boolean;
  /** S5c: a negotiated unsubscription (refund) waits for the seller's review. */
  unsubPending: boolean;
  requestRejections: number;
  deliveryRejections: number;
}

export interface Urgency {
  waitingOn: WaitingOn;
  /** Whole UTC+8 days since the last move (O4: the marketplace counts days on its own calendar). */
  days: number;
  /** S5: waiting for more than the threshold — the orange "overdue" mark and "Waiting > N days". */
  overdue: boolean;
  /** S7: null when no appeal is possible (or one is already open, S5a). */
  appeal: AppealReason | null;
  /** S5: not accepted 180 days after placement. */
  long: boolean;
  /** Set when the seller must act (S3, S5c): "Needs my action". */
  action: ActionReason | null;
}

/** The UTC+8 calendar day an instant falls on, as a day number (days since 1970-01-01 at UTC+8). */
export function marketDayNumber(ms: number): number {
  return Math.floor((ms + MARKET_OFFSET_MS) / DAY_MS);
}

/** Whole UTC+8 days from `fromMs` to `nowMs`: 0 the same marketplace day, never negative. */
export function marketDaysBetween(fromMs: number, nowMs: number): number {
  return Math.max(0, marketDayNumber(nowMs) - marketDayNumber(fromMs));
}

/**
 * S5/S7: a line whose last move is before this instant has waited more than `thresholdDays` days
 * (`marketDaysBetween(since, now) > thresholdDays` exactly) — the bound the SQL filter uses.
 */
export function overdueBefore(nowMs: number, thresholdDays: number): number {
  return (marketDayNumber(nowMs) - thresholdDays) * DAY_MS - MARKET_OFFSET_MS;
}

function isOpen(stage: Stage | null): stage is Stage {
  return stage !== null && OPEN_STAGES.includes(stage);
}

/** S3/S5c: why the seller must act, or null. Nobody acts while an appeal freezes the flow (S5a). */
export function sellerAction(f: Pick<UrgencyFacts, 'stage' | 'appealOpen' | 'unsubPending'>): ActionReason | null {
  if (!isOpen(f.stage) || f.appealOpen) return null;
  if (f.unsubPending) return 'refund_request';
  if (f.stage === 'request_pending') return 'request';
  if (f.stage === 'awaiting_delivery') return 'delivery';
  if (f.stage === 'delivery_returned') return 'redelivery';
  return null;
}

/** S7: who must move on an open supervised line; the marketplace while an appeal is open (S5a). */
export function waitingOn(f: Pick<UrgencyFacts, 'stage' | 'appealOpen' | 'unsubPending'>): WaitingOn | null {
  if (!isOpen(f.stage)) return null;
  if (f.appealOpen) return 'marketplace';
  return f.unsubPending || SELLER_ACTION_STAGES.includes(f.stage) ? 'seller' : 'customer';
}

/** S7 for one line at `now`; null when the line is not supervised or its supervision is over. */
export function urgencyOf(f: UrgencyFacts, nowMs: number, thresholdDays: number): Urgency | null {
  const on = waitingOn(f);
  if (on === null || f.stageSince === null) return null;
  const days = marketDaysBetween(f.stageSince, nowMs);
  const overdue = days > thresholdDays;
  const rejected = f.requestRejections >= APPEAL_REJECTIONS || f.deliveryRejections >= APPEAL_REJECTIONS;
  // S5a: an open appeal is already the marketplace's business; no second one is "possible".
  const appeal: AppealReason | null = f.appealOpen ? null : overdue ? 'silence' : rejected ? 'rejections' : null;
  return {
    waitingOn: on,
    days,
    overdue,
    appeal,
    long: nowMs - f.placedAt >= LONG_UNACCEPTED_DAYS * DAY_MS,
    action: sellerAction(f),
  };
}

/** Tiers of the stored sort key: actionable lines, then lines frozen by an appeal, then everything else. */
const TIER = 2 ** 25;

/**
 * S7 "most urgent first" as one integer, ascending = more urgent; it does not depend on the current time,
 * so the database keeps it in an index (mirrors urgency_key in 0100-urgency.sql, tested against it).
 * Open, unfrozen lines first, the oldest last move first (by UTC+8 day: "equal age" = the same number of
 * days), a line waiting on the seller before one waiting on the customer at equal age; then lines frozen by an
 * appeal (S5a), oldest first; then lines not supervised or finished. Ties go by placement (the id).
 */
export function urgencySortKey(f: Pick<UrgencyFacts, 'stage' | 'stageSince' | 'appealOpen' | 'unsubPending'>): number {
  const on = waitingOn(f);
  if (on === null) return 2 * TIER;
  const day = marketDayNumber(f.stageSince ?? 0);
  if (on === 'marketplace') return TIER + day * 2;
  return day * 2 + (on === 'seller' ? 0 : 1);
}
