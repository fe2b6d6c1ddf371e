// "Edit & re-queue" a refused or conflicting item: the marketplace's answer on top, the user's own
// input below (kept whatever happened), sent again with a new idempotency key.
import { useState } from 'react';
import type { OutboxEntry } from '../../../common/api/contract-outbox';
import { useStores } from '../../stores/StoresContext';
import { useT } from '../../i18n/use-t';
import { ActionDialog } from '../supervision/actions/ActionDialog';
import { AppealFields } from '../supervision/actions/AppealFields';
import { ReviewFields } from '../supervision/actions/ReviewFields';
import { TextField } from '../supervision/actions/TextField';
import { actionErrorText } from '../supervision/actions/action-errors';
import {
  appealFromPayload,
  appealPayload,
  appealProblems,
  reasonFromPayload,
  reviewFromPayload,
  reviewPayload,
  reviewProblems,
  textProblem,
} from '../supervision/actions/drafts';
import { lastAnswer } from './outbox-labels';

export function EditItemDialog({ item, onClose }: { item: OutboxEntry; onClose(): void }) {
  const t = useT();
  const { outbox } = useStores();
  const [reason, setReason] = useState(() => reasonFromPayload(item.payload));
  const [appeal, setAppeal] = useState(() => appealFromPayload(item.payload));
  const [review, setReview] = useState(() => reviewFromPayload(item.payload));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editable = item.kind === 'request.reject' || item.kind === 'appeal' || item.kind === 'unsubscription.review';
  const answer = lastAnswer(item, t);

  /** The edited payload, or null while the form has a problem; undefined keeps the stored one. */
  const payload = (): unknown => {
    if (item.kind === 'request.reject') return textProblem(reason) ? null : { reason };
    if (item.kind === 'appeal') {
      const p = appealProblems(appeal);
      return p.reason || p.files ? null : appealPayload(appeal);
    }
    if (item.kind === 'unsubscription.review') {
      const p = reviewProblems(review);
      return p.decision || p.comments || p.files || review.decision === null
        ? null
        : reviewPayload({ ...review, decision: review.decision });
    }
    return undefined;
  };
  const submit = async () => {
    setTried(true);
    const edited = payload();
    if (edited === null) return;
    setBusy(true);
    setError(null);
    const r = await outbox.getState().requeue(item.id, edited);
    setBusy(false);
    if (r.ok) onClose();
    else setError(actionErrorText(t, r.error));
  };

  return (
    <ActionDialog
      title={editable ? t('edit.title') : t('edit.titleSimple')}
      submitLabel={t('edit.submit')}
      busy={busy}
      error={error}
      submitHint={editable}
      wide={item.kind !== 'request.reject' && editable}
      testId="edit-dialog"
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      <div className="refusal" data-testid="edit-refusal">
        <div className="refusal-title">
          {t(`kind.${item.kind}`)} · {item.orderLineId}
        </div>
        <div className="refusal-what">{item.state === 'conflict' ? t('edit.conflict') : t('edit.refused')}</div>
        {answer && (
          <div className="refusal-message">
            {answer.text}
            {(answer.code || answer.detail) && (
              <details className="ob-details" data-testid="edit-details">
                <summary>{t('syncCenter.details')}</summary>
                {answer.code && <span className="code-chip">{answer.code}</span>}{' '}
                {answer.detail && <span className="ob-detail-text">{answer.detail}</span>}
              </details>
            )}
          </div>
        )}
      </div>
      <p className="muted small">{editable ? t('edit.help') : t('edit.helpSimple')}</p>
      {item.kind === 'request.reject' && (
        <TextField
          label={t('reject.reason')}
          value={reason}
          onChange={setReason}
          showProblem={tried}
          autoFocus
          testId="edit-reason"
        />
      )}
      {item.kind === 'appeal' && <AppealFields draft={appeal} onChange={setAppeal} showProblems={tried} />}
      {item.kind === 'unsubscription.review' && (
        <ReviewFields draft={review} onChange={setReview} showProblems={tried} />
      )}
    </ActionDialog>
  );
}
