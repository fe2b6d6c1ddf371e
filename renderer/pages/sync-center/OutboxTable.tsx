// The Sync Center's list: what, which order, state, tries, the last answer, when it was queued,
// a progress bar while its files upload, and — for a refused or conflicting item — what the answer means in words
// (the code and the marketplace's own text under "Details") with the button that can succeed as the primary one:
// "Re-queue" only where a retry can work, "Open the order" for a conflict, "Discard" where nothing else helps.
import type { OutboxEntry } from '../../../common/api/contract-outbox';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatBytes, formatDateTime } from '../../lib/format';
import { Icon, type IconName } from '../../components/Icon';
import { useNow } from '../../stores/StoresContext';
import './answers.css';
import { lastAnswer, nextStep, payloadSummary, shownState, STATE_TONE, type NextStep } from './outbox-labels';
import { ProgressBar } from '../../components/ProgressBar';

const KIND_ICON: Record<OutboxEntry['kind'], IconName> = {
  'request.accept': 'check',
  'request.reject': 'undo',
  appeal: 'flag',
  'unsubscription.review': 'supervision',
  delivery: 'file',
};

interface Props {
  items: OutboxEntry[];
  onOpenOrder(orderLineId: string): void;
  onEdit(item: OutboxEntry): void;
  onDiscard(item: OutboxEntry): void;
}

function UploadBar({ upload, state }: { upload: NonNullable<OutboxEntry['upload']>; state: OutboxEntry['state'] }) {
  const t = useT();
  const lang = useLanguage();
  const done = upload.sent >= upload.size;
  // Nothing has gone out yet: "2 files waiting to upload (1.2 MB)", not "Uploading 2 files · 0 B".
  const waiting = !done && upload.sent === 0 && state !== 'sending';
  const percent = upload.size === 0 ? 100 : Math.min(100, Math.round((upload.sent / upload.size) * 100));
  return (
    <div className={done ? 'upload done' : 'upload'} data-testid="upload-progress" data-percent={percent}>
      <ProgressBar percent={percent} label={t('syncCenter.upload', { n: upload.files })} />
      <span className="muted small">
        {done
          ? t('syncCenter.uploaded', { n: upload.files })
          : waiting
            ? t('syncCenter.uploadWaiting', { n: upload.files, size: formatBytes(upload.size, lang) })
            : `${t('syncCenter.upload', { n: upload.files })} · ${formatBytes(upload.sent, lang)} / ${formatBytes(upload.size, lang)}`}
        {!done && state === 'sending' && ` · ${percent}%`}
      </span>
    </div>
  );
}

export function OutboxTable({ items, onOpenOrder, onEdit, onDiscard }: Props) {
  const t = useT();
  const lang = useLanguage();
  const now = useNow();
  return (
    <div className="outbox-table" role="table" aria-label={t('syncCenter.table')} data-testid="outbox-table">
      <div className="ob-row ob-head" role="row">
        {(['action', 'order', 'state', 'attempts', 'lastError', 'queued'] as const).map((c) => (
          <div key={c} className={c === 'attempts' ? 'ob-cell num' : 'ob-cell'} role="columnheader">
            {t(`syncCenter.col.${c}`)}
          </div>
        ))}
      </div>
      {items.map((item) => {
        const state = shownState(item);
        const summary = payloadSummary(item, t);
        const answer = lastAnswer(item, t);
        const waiting = (state === 'queued' || state === 'unknown') && item.nextAttemptAt > now + 1000;
        const actionable = state === 'rejected' || state === 'conflict';
        const step: NextStep | null = actionable && item.discardedAt === null ? nextStep(item) : null;
        const editLabel =
          item.kind === 'request.accept' || item.kind === 'delivery' ? t('syncCenter.requeue') : t('syncCenter.edit');
        const btn = (primary: boolean) => (primary ? 'btn btn-small btn-primary' : 'btn btn-small');
        return (
          <div
            key={item.id}
            className={`ob-row ob-${state}`}
            role="row"
            data-testid="outbox-row"
            data-state={state}
            data-kind={item.kind}
            data-order-line-id={item.orderLineId}
          >
            <div className="ob-cell ob-action" role="cell">
              <span className={`ob-icon tone-${STATE_TONE[state]}`} aria-hidden="true">
                <Icon name={KIND_ICON[item.kind]} size={15} />
              </span>
              <span className="ob-main">
                <span className="ob-title">{t(`kind.${item.kind}`)}</span>
                {summary && (
                  <span className="ob-sub" title={summary} data-testid="outbox-summary">
                    {summary}
                  </span>
                )}
                {item.upload && <UploadBar upload={item.upload} state={item.state} />}
              </span>
            </div>
            <div className="ob-cell ob-order" role="cell">
              <button
                type="button"
                className="link mono"
                onClick={() => onOpenOrder(item.orderLineId)}
                title={t('syncCenter.openOrder', { id: item.orderLineId })}
              >
                {item.orderLineId}
              </button>
              <span className="ob-sub" title={item.order?.productName}>
                {item.order?.productName ?? t('syncCenter.notCached')}
              </span>
            </div>
            <div className="ob-cell ob-state" role="cell">
              <span
                className={`badge badge-${STATE_TONE[state]}`}
                title={state === 'discarded' ? undefined : t(`outboxState.${state}.hint`)}
                data-testid="outbox-state"
              >
                {state === 'sending' && <Icon name="sync" size={11} className="spin" />}
                {t(`outboxState.${state}`)}
              </span>
              {waiting && (
                <span className="ob-sub">
                  {t('syncCenter.nextTry', { at: formatDateTime(item.nextAttemptAt, lang).slice(11) })}
                </span>
              )}
            </div>
            <div className="ob-cell num" role="cell" data-testid="outbox-attempts">
              {item.attempts}
            </div>
            <div className="ob-cell ob-answer" role="cell">
              {answer ? (
                <span
                  className={actionable ? 'ob-message danger-text' : 'ob-message'}
                  data-testid="outbox-error"
                  data-next-step={step ?? undefined}
                >
                  <span className="ob-message-text" data-testid="outbox-explanation">
                    {answer.text}
                  </span>
                  {(answer.code || answer.detail) && (
                    <details className="ob-details" data-testid="outbox-details">
                      <summary>{t('syncCenter.details')}</summary>
                      {answer.code && <span className="code-chip">{answer.code}</span>}{' '}
                      {answer.detail && <span className="ob-detail-text">{answer.detail}</span>}
                    </details>
                  )}
                </span>
              ) : (
                <span className="muted">—</span>
              )}
              {/* What the user can do about it sits with the answer; the one that can succeed is the primary
                  button. */}
              <span className="ob-buttons">
                {step === 'open' && (
                  <button
                    type="button"
                    className={btn(true)}
                    onClick={() => onOpenOrder(item.orderLineId)}
                    data-testid="outbox-open-order"
                  >
                    {t('syncCenter.openTheOrder')}
                  </button>
                )}
                {step !== null && (
                  <button
                    type="button"
                    className={btn(step === 'requeue' || step === 'edit')}
                    onClick={() => onEdit(item)}
                    data-testid="outbox-edit"
                  >
                    <Icon name="edit" size={13} />
                    {editLabel}
                  </button>
                )}
                {(actionable || state === 'queued') && item.discardedAt === null && (
                  <button
                    type="button"
                    className={btn(step === 'discard')}
                    onClick={() => onDiscard(item)}
                    data-testid="outbox-discard"
                  >
                    {t('syncCenter.discard')}
                  </button>
                )}
              </span>
            </div>
            <div className="ob-cell" role="cell">
              <time dateTime={new Date(item.createdAt).toISOString()}>{formatDateTime(item.createdAt, lang)}</time>
            </div>
          </div>
        );
      })}
    </div>
  );
}
