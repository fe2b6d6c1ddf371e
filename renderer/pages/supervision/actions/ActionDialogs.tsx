// The four seller actions on an order: accept (a confirmation), reject (a reason), appeal (S5) and
// the unsubscription review (S5c). Each queues the action in main's outbox — offline too — and closes; the order
// then shows "pending sync" until the marketplace acks it.
import { useState } from 'react';
import type { OutboxWrite } from '../../../../common/api/contract-outbox';
import type { Result } from '../../../../common/api/result';
import type { Supervision } from '../../../../common/marketplace/wire';
import { useSettings, useStores } from '../../../stores/StoresContext';
import { useT } from '../../../i18n/use-t';
import { ActionDialog } from './ActionDialog';
import { AppealFields } from './AppealFields';
import { ReviewFields } from './ReviewFields';
import { TextField } from './TextField';
import { actionErrorText } from './action-errors';
import {
  appealPayload,
  appealProblems,
  EMPTY_APPEAL,
  EMPTY_REVIEW,
  fieldOf,
  reviewPayload,
  reviewProblems,
  textProblem,
  type AppealDraft,
  type ReviewDraft,
} from './drafts';

/** Sends one action; on success the outbox store shows what it changed and the dialog closes, otherwise it says why. */
export function useQueueAction(onDone: () => void) {
  const t = useT();
  const { outbox } = useStores();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const run = async (send: () => Promise<Result<OutboxWrite>>) => {
    setBusy(true);
    setError(null);
    setServerErrors({});
    const r = await outbox.getState().write(send);
    setBusy(false);
    if (r.ok) {
      onDone();
      return;
    }
    const field = fieldOf(r.error);
    if (r.error.code === 'validation' && field) setServerErrors({ [field]: r.error.message.replace(/^[\w.]+: /, '') });
    setError(actionErrorText(t, r.error));
  };
  return { busy, error, serverErrors, run };
}

interface Base {
  orderLineId: string;
  onClose(): void;
}

export function AcceptDialog({ orderLineId, onClose }: Base) {
  const t = useT();
  const { api } = useStores();
  const q = useQueueAction(onClose);
  return (
    <ActionDialog
      title={t('accept.title')}
      intro={t('accept.body')}
      submitLabel={t('accept.submit')}
      busy={q.busy}
      error={q.error}
      testId="accept-dialog"
      onSubmit={() => void q.run(() => api['actions:accept-request']({ orderLineId }))}
      onClose={onClose}
    />
  );
}

/** One empty list, so the settings selector answers the same value while none are saved. */
const NO_REASONS: readonly string[] = [];

export function RejectDialog({ orderLineId, onClose }: Base) {
  const t = useT();
  const { api } = useStores();
  const q = useQueueAction(onClose);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  // The seller's saved reasons (Settings): a pick fills the reason, which stays editable.
  const canned = useSettings((s) => s.settings?.cannedReasons ?? NO_REASONS);
  const submit = () => {
    setTried(true);
    if (textProblem(reason)) return;
    void q.run(() => api['actions:reject-request']({ orderLineId, reason }));
  };
  return (
    <ActionDialog
      title={t('reject.title')}
      intro={t('reject.body')}
      submitLabel={t('reject.submit')}
      tone="danger"
      busy={q.busy}
      error={q.error}
      submitHint
      testId="reject-dialog"
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        label={t('reject.reason')}
        value={reason}
        onChange={setReason}
        placeholder={t('reject.placeholder')}
        showProblem={tried}
        serverError={q.serverErrors.reason}
        autoFocus
        testId="reject-reason"
      />
      {canned.length > 0 && (
        <div className="canned-picks" role="group" aria-label={t('cannedReasons.picks')} data-testid="reject-canned">
          <span className="field-label">{t('cannedReasons.picks')}</span>
          {canned.map((r, i) => (
            <button
              key={`${i}:${r}`}
              type="button"
              className="chip canned-pick"
              title={r}
              onClick={() => setReason(r)}
              data-testid="reject-canned-pick"
            >
              {r}
            </button>
          ))}
        </div>
      )}
    </ActionDialog>
  );
}

export function AppealDialog({ orderLineId, onClose }: Base) {
  const t = useT();
  const { api } = useStores();
  const q = useQueueAction(onClose);
  const [draft, setDraft] = useState<AppealDraft>(EMPTY_APPEAL);
  const [tried, setTried] = useState(false);
  const submit = () => {
    setTried(true);
    const p = appealProblems(draft);
    if (p.reason || p.files) return;
    void q.run(() => api['actions:appeal']({ orderLineId, ...appealPayload(draft) }));
  };
  return (
    <ActionDialog
      title={t('appeal.title')}
      intro={t('appeal.body')}
      submitLabel={t('appeal.submit')}
      busy={q.busy}
      error={q.error}
      submitHint
      wide
      testId="appeal-dialog"
      onSubmit={submit}
      onClose={onClose}
    >
      <AppealFields draft={draft} onChange={setDraft} showProblems={tried} serverErrors={q.serverErrors} />
    </ActionDialog>
  );
}

export function ReviewDialog({
  orderLineId,
  onClose,
  unsubscription,
  currency,
}: Base & { unsubscription: Supervision['unsubscription']; currency: string }) {
  const t = useT();
  const { api } = useStores();
  const q = useQueueAction(onClose);
  const [draft, setDraft] = useState<ReviewDraft>(EMPTY_REVIEW);
  const [tried, setTried] = useState(false);
  const submit = () => {
    setTried(true);
    const p = reviewProblems(draft);
    if (p.decision || p.comments || p.files || draft.decision === null) return;
    void q.run(() =>
      api['actions:review-unsubscription']({
        orderLineId,
        ...reviewPayload({ ...draft, decision: draft.decision as 'agree' | 'reject' }),
      }),
    );
  };
  return (
    <ActionDialog
      title={t('review.title')}
      submitLabel={t('review.submit')}
      busy={q.busy}
      error={q.error}
      submitHint
      wide
      testId="review-dialog"
      onSubmit={submit}
      onClose={onClose}
    >
      <ReviewFields
        draft={draft}
        onChange={setDraft}
        showProblems={tried}
        serverErrors={q.serverErrors}
        request={unsubscription ? { value: unsubscription, currency } : null}
      />
    </ActionDialog>
  );
}
