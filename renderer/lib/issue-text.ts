// Says a validation issue in the UI language. Issues from the contract's schemas parsed here carry zod's
// code; anything else (main's wording) is shown as it came.
import type { Translate } from '../i18n/translate';
import type { FieldIssue } from './field-errors';

export function issueText(issue: FieldIssue | undefined, t: Translate): string | undefined {
  if (!issue) return undefined;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return t('validation.required');
      if (issue.origin === 'number' && issue.minimum !== undefined) return t('validation.min', { min: issue.minimum });
      break;
    case 'too_big':
      if (issue.origin === 'number' && issue.maximum !== undefined) return t('validation.max', { max: issue.maximum });
      if (issue.origin === 'string' && issue.maximum !== undefined)
        return t('validation.maxLength', { max: issue.maximum });
      break;
    case 'invalid_type':
      return t('validation.number');
    case 'invalid_format':
      if (issue.format === 'url') return t('validation.url');
      if (issue.format === 'regex') return t('validation.date');
      break;
    case 'custom':
      return t('validation.dateOrder'); // the only refinement the forms meet: "from" after "to"
  }
  return issue.message;
}
