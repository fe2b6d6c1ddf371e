// The unsubscription review's fields (S5c): what the customer asked (amount, reason), agree or reject, comments,
// attachments. Used by the review dialog and by "Edit & re-queue" in the Sync Center.
import { useId } from 'react';
import type { Supervision } from '../../../../common/marketplace/wire';
import { parseMoney } from '../../../../common/domain/money';
import { useLanguage, useT } from '../../../i18n/use-t';
import { formatAmount, formatDateTime } from '../../../lib/format';
import { AttachmentsField } from './AttachmentsField';
import { TextField } from './TextField';
import { reviewProblems, type ReviewDraft } from './drafts';

type Unsubscription = NonNullable<Supervision['unsubscription']>;

interface Props {
  draft: ReviewDraft;
  onChange(d: ReviewDraft): void;
  showProblems: boolean;
  serverErrors?: Record<string, string>;
  /** The customer's request, when the order is cached. */
  request?: { value: Unsubscription; currency: string } | null;
}

export function ReviewFields({ draft, onChange, showProblems, serverErrors, request }: Props) {
  const t = useT();
  const lang = useLanguage();
  const id = useId();
  const problems = reviewProblems(draft);
  const option = (value: 'agree' | 'reject', title: string, hint: string) => (
    <label className={draft.decision === value ? 'choice selected' : 'choice'}>
      <input
        type="radio"
        name={`${id}-decision`}
        value={value}
        checked={draft.decision === value}
        onChange={() => onChange({ ...draft, decision: value })}
        data-testid={`review-${value}`}
        {...(value === 'agree' ? { 'data-autofocus': true } : {})}
      />
      <span>
        <span className="check-title">{title}</span>
        <span className="field-hint">{hint}</span>
      </span>
    </label>
  );
  return (
    <>
      {request && (
        <dl className="facts request-box" data-testid="review-request">
          <dt>{t('review.requested')}</dt>
          <dd>
            <strong>{formatAmount(parseMoney(request.value.amount), request.currency, lang)}</strong>
          </dd>
          <dt>{t('review.customerReason')}</dt>
          <dd className="pre">{request.value.reason}</dd>
          <dt>{t('review.requestedAt')}</dt>
          <dd>{formatDateTime(Date.parse(request.value.requestedAt), lang)}</dd>
        </dl>
      )}
      <fieldset className="field">
        <legend className="field-label">
          {t('review.decision')}
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        </legend>
        <div className="choices" role="radiogroup">
          {option('agree', t('review.agree'), t('review.agreeHint'))}
          {option('reject', t('review.reject'), t('review.rejectHint'))}
        </div>
        {showProblems && problems.decision && (
          <span className="field-error" role="alert">
            {t('review.decisionRequired')}
          </span>
        )}
      </fieldset>
      <TextField
        label={t('review.comments')}
        value={draft.comments}
        onChange={(comments) => onChange({ ...draft, comments })}
        placeholder={t('review.placeholder')}
        showProblem={showProblems}
        serverError={serverErrors?.comments}
        rows={4}
        testId="review-comments"
      />
      <AttachmentsField
        files={draft.files}
        onChange={(files) => onChange({ ...draft, files })}
        defaultCategory="other"
        problem={problems.files}
        showProblem={showProblems}
        serverError={serverErrors?.attachments}
      />
    </>
  );
}
