// Discard an item the marketplace refused (or one never sent) — only after confirmation, with a reason that is
// recorded (3: nothing is dropped without the user's say).
import { useId, useState } from 'react';
import type { OutboxEntry } from '../../../common/api/contract-outbox';
import { useStores } from '../../stores/StoresContext';
import { useT } from '../../i18n/use-t';
import { ActionDialog } from '../supervision/actions/ActionDialog';
import { actionErrorText } from '../supervision/actions/action-errors';

const MAX_REASON = 500;

export function DiscardDialog({ item, onClose }: { item: OutboxEntry; onClose(): void }) {
  const t = useT();
  const id = useId();
  const { outbox } = useStores();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem =
    reason.trim() === ''
      ? t('form.required')
      : reason.length > MAX_REASON
        ? t('form.tooLong', { max: MAX_REASON })
        : null;
  const submit = async () => {
    setTried(true);
    if (problem) return;
    setBusy(true);
    setError(null);
    const r = await outbox.getState().discard(item.id, reason.trim());
    setBusy(false);
    if (r.ok) onClose();
    else setError(actionErrorText(t, r.error));
  };
  return (
    <ActionDialog
      title={t('discard.title')}
      intro={t('discard.body')}
      submitLabel={t('discard.submit')}
      tone="danger"
      busy={busy}
      error={error}
      submitHint
      testId="discard-dialog"
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      <div className="refusal compact">
        <div className="refusal-title">
          {t(`kind.${item.kind}`)} · {item.orderLineId}
        </div>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-reason`}>
          {t('discard.reason')}
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        </label>
        <textarea
          id={`${id}-reason`}
          className={tried && problem ? 'input textarea invalid' : 'input textarea'}
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('discard.placeholder')}
          aria-invalid={tried && problem ? true : undefined}
          data-autofocus
          data-testid="discard-reason"
        />
        {tried && problem && (
          <span className="field-error" role="alert">
            {problem}
          </span>
        )}
      </div>
    </ActionDialog>
  );
}
