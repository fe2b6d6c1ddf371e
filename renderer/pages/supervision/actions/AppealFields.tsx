// The appeal's fields (S5): reason, "the customer cannot be reached" (which makes a letter of commitment required),
// attachments. Used by the appeal dialog and by "Edit & re-queue" in the Sync Center.
import { useId } from 'react';
import { useT } from '../../../i18n/use-t';
import { AttachmentsField } from './AttachmentsField';
import { TextField } from './TextField';
import { appealProblems, type AppealDraft } from './drafts';

export function AppealFields({
  draft,
  onChange,
  showProblems,
  serverErrors,
}: {
  draft: AppealDraft;
  onChange(d: AppealDraft): void;
  showProblems: boolean;
  serverErrors?: Record<string, string>;
}) {
  const t = useT();
  const id = useId();
  const problems = appealProblems(draft);
  return (
    <>
      <TextField
        label={t('appeal.reason')}
        value={draft.reason}
        onChange={(reason) => onChange({ ...draft, reason })}
        placeholder={t('appeal.placeholder')}
        showProblem={showProblems}
        serverError={serverErrors?.reason}
        autoFocus
        testId="appeal-reason"
      />
      <label className="check-field" htmlFor={`${id}-unreachable`}>
        <input
          id={`${id}-unreachable`}
          type="checkbox"
          checked={draft.customerUnreachable}
          onChange={(e) => onChange({ ...draft, customerUnreachable: e.target.checked })}
          data-testid="appeal-unreachable"
        />
        <span>
          <span className="check-title">{t('appeal.unreachable')}</span>
          <span className="field-hint">{t('appeal.unreachableHint')}</span>
        </span>
      </label>
      <AttachmentsField
        files={draft.files}
        onChange={(files) => onChange({ ...draft, files })}
        // S5: with an unreachable customer, the first file is most likely the letter.
        defaultCategory={
          draft.customerUnreachable && !draft.files.some((f) => f.category === 'commitment_letter')
            ? 'commitment_letter'
            : 'other'
        }
        problem={problems.files}
        showProblem={showProblems}
        serverError={serverErrors?.attachments}
      />
    </>
  );
}
