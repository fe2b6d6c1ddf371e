// A delivery-proof problem in the UI language ("validation messages are specific"): by its code,
// naming the attachment category or the V4 bound; main's English wording only for a code this UI does not know.
import type { ProofIssueView } from '../../../common/api/contract-proofs';
import type { WireTemplateItem } from '../../../common/marketplace/wire';
import type { MessageKey } from '../../i18n/en';
import type { Language } from '../../i18n/languages';
import type { Translate } from '../../i18n/translate';
import { formatDateTime } from '../../lib/format';

const SIMPLE: Record<string, MessageKey> = {
  not_text: 'issue.not_text',
  bad_date: 'issue.bad_date',
  not_number: 'issue.not_number',
  not_checklist: 'issue.not_checklist',
  unknown_option: 'issue.unknown_option',
  duplicate_option: 'issue.duplicate_option',
  no_acceptance_or_sow: 'issue.no_acceptance_or_sow',
  too_many_attachments: 'issue.too_many_attachments',
  file_too_large: 'issue.file_too_large',
  unknown_key: 'issue.unknown_key',
  too_long: 'issue.too_long',
  missing_file: 'issue.missing_file',
};

export interface IssueContext {
  items: ReadonlyMap<string, WireTemplateItem>;
  lang: Language;
  placedAt: number;
  now: number;
}

export function proofIssueText(t: Translate, issue: ProofIssueView, ctx: IssueContext): string {
  const item = ctx.items.get(issue.key);
  switch (issue.code) {
    case 'required':
      return t(item?.kind === 'checklist' ? 'issue.requiredChecklist' : 'issue.required');
    case 'missing_attachment':
      return t('issue.missing_attachment', { category: t(`category.${item?.attachmentCategory ?? 'other'}`) });
    case 'before_placement':
      return t('issue.before_placement', { bound: formatDateTime(ctx.placedAt, ctx.lang) });
    case 'after_submission':
      return t('issue.after_submission', { bound: formatDateTime(ctx.now, ctx.lang) });
  }
  const key = SIMPLE[issue.code];
  return key ? t(key) : issue.message;
}

/** Where a problem is shown when listed on its own: the item's title, or "Attachments" / "Enabling time". */
export function issuePlace(t: Translate, key: string, items: ReadonlyMap<string, WireTemplateItem>): string {
  if (key === 'attachments') return t('issue.attachments');
  if (key === 'enablingTime') return t('issue.enablingTime');
  return items.get(key)?.title ?? key;
}
