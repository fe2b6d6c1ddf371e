// What happened to the draft, above the editor: queued (pending sync) → delivered → accepted (Completed, with the
// validity, V1), and P5 — the order moved on while it was written (or the marketplace refused the delivery): the
// draft is kept, marked in conflict with what changed, and can be moved onto the new template version.
import { useState } from 'react';
import type { ProofChange, ProofEditorData } from '../../../common/api/contract-proofs';
import type { OutboxErrorView, OutboxState } from '../../../common/api/contract-outbox';
import { marketDate } from '../../../common/domain/time';
import type { Stage } from '../../../common/marketplace/wire';
import { useStores } from '../../stores/StoresContext';
import { useLanguage, useT } from '../../i18n/use-t';
import type { Translate } from '../../i18n/translate';
import { formatDateTime } from '../../lib/format';
import { movePreview } from '../../lib/proof-view';
import { Icon } from '../../components/Icon';
import { ConfirmDialog } from './ConfirmDialog';
import { answerText } from '../sync-center/outbox-labels';
import { OfflineNotice } from '../../components/OfflineNotice';

const stageLabel = (t: Translate, v: unknown): string =>
  typeof v === 'string' ? t(`stage.${v as Stage}`) : t('stage.none');

function changeText(t: Translate, c: ProofChange): string {
  switch (c.field) {
    case 'stage':
      return t('conflict.stage', { from: stageLabel(t, c.from), to: stageLabel(t, c.to) });
    case 'status':
      return t('conflict.status', { from: String(c.from ?? '—'), to: String(c.to ?? '—') });
    case 'templateVersion':
      return t('conflict.templateVersion', { from: String(c.from ?? '—'), to: String(c.to ?? '—') });
    case 'appealOpen':
      return t('conflict.appealOpen');
    case 'outbox':
      return t('conflict.outbox', { from: String(c.from ?? '—'), to: String(c.to ?? '—') });
  }
}

/** The last attempt in words: offline is the calm banner, a refusal its sentence; raw text only under "Details". */
function LastAttempt({ error, state }: { error: OutboxErrorView; state: OutboxState }) {
  const t = useT();
  if (error.kind === 'network' || error.kind === 'timeout')
    return <OfflineNotice details={error.message} className="small" />;
  const answer = answerText(error, state, t);
  return (
    <span className="muted small block">
      {t('banner.lastError', { message: answer.text })}
      {(answer.code || answer.detail) && (
        <details>
          <summary>{t('syncCenter.details')}</summary>
          {[answer.code, answer.detail].filter(Boolean).join(' ')}
        </details>
      )}
    </span>
  );
}

export function StateBanner({ data }: { data: ProofEditorData }) {
  const t = useT();
  const lang = useLanguage();
  const { draft, order, outbox } = data;
  if (draft.state === 'queued') {
    return (
      <div className="notice proof-banner banner-queued" role="status" data-testid="banner-queued">
        <Icon name="cloudUp" size={16} />
        <span>
          {t('banner.queued')}
          {outbox && (
            <span className="muted"> · {t('banner.outboxState', { state: t(`outboxState.${outbox.state}`) })}</span>
          )}
          {outbox?.lastError && <LastAttempt error={outbox.lastError} state={outbox.state} />}
        </span>
      </div>
    );
  }
  if (draft.state !== 'delivered') return null;
  const validity = order.line.validity;
  if (order.stage === 'completed' && validity) {
    const range = `${marketDate(Date.parse(validity.start))} – ${marketDate(Date.parse(validity.end))} (UTC+8)`;
    return (
      <div className="notice proof-banner banner-done" role="status" data-testid="banner-completed">
        <Icon name="check" size={16} />
        <span>{t('banner.completed', { validity: range })}</span>
      </div>
    );
  }
  return (
    <div className="notice proof-banner banner-delivered" role="status" data-testid="banner-delivered">
      <Icon name="check" size={16} />
      <span>{t('banner.delivered', { at: formatDateTime(draft.submittedAt ?? draft.updatedAt, lang) })}</span>
    </div>
  );
}

export function ConflictBanner({
  data,
  content,
  busy,
}: {
  data: ProofEditorData;
  content: ProofEditorData['draft']['content'];
  busy: string | null;
}) {
  const t = useT();
  const { proofs } = useStores();
  const [confirming, setConfirming] = useState(false);
  const { draft, target, template } = data;
  const conflict = draft.conflict;
  if (draft.state !== 'conflict' || !conflict) return null;
  const refused = conflict.cause === 'marketplace_refused';
  const templateMoved = target !== null && conflict.changes.some((c) => c.field === 'templateVersion');
  const preview = target ? movePreview(template, target, content) : null;
  const deliverable = data.order.stage === 'awaiting_delivery' || data.order.stage === 'delivery_returned';

  return (
    <div className="notice notice-warn proof-banner banner-conflict" role="alert" data-testid="conflict-banner">
      <Icon name="alert" size={18} />
      <div className="banner-body">
        <strong>
          {refused
            ? `${t('conflict.refused')}${conflict.resultCode ? ` (${conflict.resultCode})` : ''}`
            : t('conflict.title')}
        </strong>
        <ul className="change-list">
          {conflict.changes.map((c, i) => (
            <li key={i} data-testid="conflict-change">
              {changeText(t, c)}
            </li>
          ))}
        </ul>
        <span className="muted">{t('conflict.kept')}</span>
        <div className="banner-actions">
          {templateMoved && target && (
            <button
              type="button"
              className="btn btn-primary btn-small"
              disabled={busy !== null}
              onClick={() => setConfirming(true)}
              data-testid="move-template"
            >
              {t('conflict.move', { v: target.templateVersion })}
            </button>
          )}
          {!templateMoved && deliverable && (
            <button
              type="button"
              className="btn btn-small"
              disabled={busy !== null}
              onClick={() => void proofs.getState().resolveConflict()}
              data-testid="resolve-conflict"
            >
              {t('conflict.resolve')}
            </button>
          )}
        </div>
      </div>
      {confirming && target && preview && (
        <ConfirmDialog
          wide
          title={t('conflict.moveTitle', { v: target.templateVersion })}
          confirmLabel={t('conflict.move', { v: target.templateVersion })}
          busy={busy === 'move'}
          onClose={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void proofs.getState().moveTemplate(target.templateVersion);
          }}
          testId="move-dialog"
        >
          <p className="muted">{t('conflict.moveIntro')}</p>
          <MoveList title={t('conflict.carried')} items={preview.carried.map((i) => i.title)} testId="move-carried" />
          <MoveList
            title={t('conflict.dropped', { v: target.templateVersion })}
            items={preview.dropped.map((i) => i.title)}
            testId="move-dropped"
          />
          <MoveList
            title={t('conflict.newRequired')}
            items={preview.newRequired.map((i) => i.title)}
            testId="move-new-required"
          />
        </ConfirmDialog>
      )}
    </div>
  );
}

function MoveList({ title, items, testId }: { title: string; items: string[]; testId: string }) {
  const t = useT();
  return (
    <div className="move-list" data-testid={testId}>
      <h3>
        {title} <span className="muted">({items.length})</span>
      </h3>
      {items.length ? (
        <ul>
          {items.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('conflict.none')}</p>
      )}
    </div>
  );
}
