// How an outbox item reads in the Sync Center: its state's tone, a one-line summary of what the
// user entered, and the last answer — the marketplace's own message for a refusal, a calm sentence for a network
// problem.
import type { OutboxEntry } from '../../../common/api/contract-outbox';
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
  /** `403 MKT.0150` for an HTTP answer. */
  code: string | null;
  text: string;
}

export function lastAnswer(item: OutboxEntry, t: Translate): LastAnswer | null {
  if (item.discardedAt !== null) return { code: null, text: t('syncCenter.discardedBecause', { reason: item.discardReason ?? '' }) };
  const e = item.lastError;
  if (!e) return null;
  if (e.kind === 'network') return { code: null, text: t('syncCenter.unreachable') };
  if (e.kind === 'timeout') return { code: null, text: t('syncCenter.timeout') };
  const code = [e.status, e.resultCode].filter((x) => x !== undefined).join(' ') || null;
  const fields = e.fields?.length ? ` (${e.fields.map((f) => `${f.field}: ${f.message}`).join('; ')})` : '';
  return { code, text: `${e.message}${fields}` };
}
