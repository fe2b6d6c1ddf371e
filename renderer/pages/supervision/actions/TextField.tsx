// A required text area with a live character counter (1–2000 characters, counted as a person counts
// them). The problem shows once the field was touched or a submit was tried.
import { useId } from 'react';
import { charCount, MAX_TEXT } from '../../../../common/api/action-payloads';
import { useT } from '../../../i18n/use-t';
import { textProblem } from './drafts';

export interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  /** Show the problem (after a submit attempt). */
  showProblem: boolean;
  /** A problem main reported for this field (its wording). */
  serverError?: string | null;
  autoFocus?: boolean;
  rows?: number;
  testId: string;
}

export function TextField(props: TextFieldProps) {
  const t = useT();
  const id = useId();
  const count = charCount(props.value);
  const problem = textProblem(props.value);
  const shown =
    props.showProblem && problem
      ? problem === 'required'
        ? t('form.required')
        : t('form.tooLong', { max: MAX_TEXT })
      : (props.serverError ?? null);
  return (
    <div className="field">
      <div className="field-top">
        <label className="field-label" htmlFor={`${id}-text`}>
          {props.label}
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        </label>
        <span
          className={count > MAX_TEXT ? 'counter over' : 'counter'}
          id={`${id}-count`}
          aria-live="polite"
          data-testid={`${props.testId}-counter`}
        >
          {t('form.counter', { n: count, max: MAX_TEXT })}
        </span>
      </div>
      <textarea
        id={`${id}-text`}
        className={shown ? 'input textarea invalid' : 'input textarea'}
        value={props.value}
        rows={props.rows ?? 5}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
        required
        aria-invalid={shown ? true : undefined}
        aria-describedby={`${id}-count${shown ? ` ${id}-error` : ''}`}
        data-testid={props.testId}
        {...(props.autoFocus ? { 'data-autofocus': true } : {})}
      />
      {shown && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {shown}
        </span>
      )}
    </div>
  );
}
