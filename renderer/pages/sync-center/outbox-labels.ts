// How an outbox item reads in the Sync Center: its state's tone, a one-line summary of what the
// user entered, and the last answer — the marketplace's own message for a refusal, a calm sentence for a network
// problem.
import type { OutboxEntry, OutboxErrorView } from '../../../common/api/contract-outbox';
import type { Translate } from '../../i18n/translate';

export type ShownState = OutboxEntry['state'] | 'discarded';

export const shownState = (item: OutboxEntry): ShownState => (item.discardedAt !== null ? 'discarded' : item.state);

export const STATE_TONE: Record<ShownState, string> = {
  queued: 'wait',
  sending: 'info',
  unknown: 'action',
  acked: 'good',
  rejected: 'warn',
  conflict: 'warn',
  discarded: 'muted',
};

/** What the user entered, in one line (the reason, the comments, the decision). */
export function payloadSummary(item: OutboxEntry, t: Translate): string {
  const p = (item.payload ?? {}) as Record<string, unknown>;
  const text = (x: unknown) => (typeof x === 'string' ? x.replace(/\s+/g, ' ').trim() : '');
  if (item.kind === 'request.reject' || item.kind === 'appeal') return text(p.reason);
  if (item.kind === 'unsubscription.review') {
    const decision = p.decision === 'agree' ? t('review.agree') : p.decision === 'reject' ? t('review.reject') : '';
    return [decision, text(p.comments)].filter(Boolean).join(' — ');
  }
  return '';
}

export interface LastAnswer {
  /** `403 MKT.0150` for an HTTP answer (shown under "Details", never as the message). */
  code: string | null;
  /** What happened, in words of the UI language. */
  text: string;
  /** The marketplace's own text (with field errors), for "Details"; null when there is none. */
  detail: string | null;
}

/** The marketplace codes that have their own sentence (docs/marketplace-api.md "Errors"). */
export const EXPLAINED_CODES = [
  'MKT.0100',
  'MKT.0101',
  'APIGW.0301',
  'MKT.0150',
  'MKT.2404',
  'MKT.2001',
  'MKT.2002',
  'MKT.2003',
  'MKT.2011',
  'MKT.2420',
  'MKT.2410',
  'MKT.2413',
  'MKT.2415',
  'MKT.2010',
  'MKT.2421',
  'MKT.0250',
  'MKT.0999',
] as const;
type ExplainedCode = (typeof EXPLAINED_CODES)[number];
const isExplained = (c: string | undefined): c is ExplainedCode =>
  c !== undefined && (EXPLAINED_CODES as readonly string[]).includes(c);

export function lastAnswer(item: OutboxEntry, t: Translate): LastAnswer | null {
  if (item.discardedAt !== null)
    return { code: null, text: t('syncCenter.discardedBecause', { reason: item.discardReason ?? '' }), detail: null };
  return item.lastError ? answerText(item.lastError, item.state, t) : null;
}

/**
 * One stored answer in words: a sentence per marketplace code, a calm sentence for the network (never errno/host:port).
 */
export function answerText(e: OutboxErrorView, state: OutboxEntry['state'], t: Translate): LastAnswer {
  if (e.kind === 'network') return { code: null, text: t('syncCenter.unreachable'), detail: null };
  if (e.kind === 'timeout') return { code: null, text: t('syncCenter.timeout'), detail: null };
  const code = [e.status, e.resultCode].filter((x) => x !== undefined).join(' ') || null;
  const fields = e.fields?.length ? ` (${e.fields.map((f) => `${f.field}: ${f.message}`).join('; ')})` : '';
  const detail = `${e.message}${fields}`.trim() || null;
  let text: string;
  if (isExplained(e.resultCode)) text = t(`answer.${e.resultCode}`);
  else if (e.kind === 'http')
    text =
      state === 'conflict'
        ? t('answer.conflict')
        : t('answer.refused', { status: e.status === undefined ? '—' : String(e.status) });
  else return { code, text: detail ?? t('answer.refused', { status: '—' }), detail: null };
  return { code, text, detail };
}

/**
 * The button that can succeed, shown as the primary one (docs/marketplace-api.md "Errors", "client does"):
 * `requeue` where a retry can work (rate limit, busy, server trouble, a broken upload, the clock/key once fixed),
 * `edit` where the user's input was refused (MKT.0100), `open` where the order moved on or is frozen (a conflict:
 * re-queueing the same action fails again), `discard` where nothing the user can change makes it go through.
 */
export type NextStep = 'requeue' | 'edit' | 'open' | 'discard';

const RETRY_WORKS = new Set(['APIGW.0301', 'MKT.2011', 'MKT.2420', 'MKT.2421', 'MKT.0250', 'MKT.0999']);
const NEVER_WORKS = new Set(['MKT.0101', 'MKT.0150', 'MKT.2404', 'MKT.2010']);
const FIX_THE_FILES = new Set(['MKT.2413', 'MKT.2415']);
/** Kinds whose input the edit dialog shows (a reason, comments); accept and delivery are re-queued as they are. */
const EDITABLE: ReadonlySet<OutboxEntry['kind']> = new Set(['request.reject', 'appeal', 'unsubscription.review']);

export function nextStep(item: OutboxEntry): NextStep {
  const code = item.lastError?.resultCode;
  if (item.state === 'conflict') return 'open';
  if (code && RETRY_WORKS.has(code)) return 'requeue';
  if (code && NEVER_WORKS.has(code)) return 'discard';
  if (code && FIX_THE_FILES.has(code))
    return item.kind === 'delivery' ? 'open' : EDITABLE.has(item.kind) ? 'edit' : 'discard';
  if (code === 'MKT.0100') return EDITABLE.has(item.kind) ? 'edit' : 'discard';
  if (item.lastError?.status !== undefined && item.lastError.status >= 500) return 'requeue';
  return EDITABLE.has(item.kind) ? 'edit' : 'requeue';
}
