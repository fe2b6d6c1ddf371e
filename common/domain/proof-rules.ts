// docs/rules.md P1–P3 (+ V4): is a delivery-proof draft complete and well-formed against the template
// version it was filled against? Pure; one specific issue per problem, keyed by template item.
import type { AttachmentCategory, WireTemplateItem } from '../marketplace/wire';
import { checkEnablingTime, type EnablingTimeBounds } from './validity';

/** P3, decided here. */
export const MAX_ATTACHMENTS = 20;
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** Issue keys that are not template item keys. */
export const ATTACHMENTS_KEY = 'attachments';
export const ENABLING_TIME_KEY = 'enablingTime';

export type ProofIssueCode =
  | 'required'
  | 'not_text'
  | 'bad_date'
  | 'not_number'
  | 'not_checklist'
  | 'unknown_option'
  | 'duplicate_option'
  | 'missing_attachment'
  | 'no_acceptance_or_sow'
  | 'too_many_attachments'
  | 'file_too_large'
  | 'before_placement'
  | 'after_submission';

export interface ProofIssue {
  /** The template item key, or ATTACHMENTS_KEY / ENABLING_TIME_KEY (with `fileName` for one file). */
  key: string;
  code: ProofIssueCode;
  message: string;
}

export interface ProofAttachment {
  category: AttachmentCategory;
  fileName?: string;
  size?: number;
}

export interface ProofDraft {
  content: Readonly<Record<string, unknown>>;
  attachments: readonly ProofAttachment[];
  enablingTime?: number | null;
}

export interface ProofTemplate {
  items: readonly WireTemplateItem[];
}

/** Absent, null, a blank string, or an empty checklist: nothing was filled in. */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d;
}

const show = (value: unknown) =>
  typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? 'a list' : typeof value;

/**
 * P1: the value of one non-attachment item. Empty values are only checked for `required`
 * (decided here: a required checklist needs at least one ticked option).
 */
export function validateItemValue(item: WireTemplateItem, value: unknown): ProofIssue[] {
  const issue = (code: ProofIssueCode, message: string): ProofIssue => ({
    key: item.key,
    code,
    message: `"${item.title}" ${message}`,
  });
  if (item.kind === 'attachment') return [];
  if (isEmptyValue(value)) {
    if (!item.required) return [];
    return [issue('required', item.kind === 'checklist' ? 'is required: tick at least one option.' : 'is required.')];
  }
  switch (item.kind) {
    case 'text':
    case 'longtext':
      return typeof value === 'string' ? [] : [issue('not_text', `must be text, not ${show(value)}.`)];
    case 'date':
      return typeof value === 'string' && isCalendarDate(value)
        ? []
        : [issue('bad_date', `must be a date as YYYY-MM-DD, not ${show(value)}.`)];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? []
        : [issue('not_number', `must be a number, not ${show(value)}.`)];
    case 'checklist': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
        return [issue('not_checklist', 'must be the list of ticked options.')];
      const options = item.options ?? [];
      const issues: ProofIssue[] = [];
      const seen = new Set<string>();
      for (const option of value as string[]) {
        if (!options.includes(option)) issues.push(issue('unknown_option', `has no option ${JSON.stringify(option)}.`));
        else if (seen.has(option)) issues.push(issue('duplicate_option', `lists ${JSON.stringify(option)} twice.`));
        seen.add(option);
      }
      return issues;
    }
  }
}

function validateAttachments(template: ProofTemplate, attachments: readonly ProofAttachment[]): ProofIssue[] {
  const issues: ProofIssue[] = [];
  for (const item of template.items) {
    if (item.kind !== 'attachment' || !item.required) continue;
    const category = item.attachmentCategory ?? null;
    const satisfied = category ? attachments.some((a) => a.category === category) : attachments.length > 0;
    if (!satisfied) {
      issues.push({
        key: item.key,
        code: 'missing_attachment',
        message: `"${item.title}" needs at least one attachment${category ? ` of category ${category}` : ''}.`,
      });
    }
  }
  if (!attachments.some((a) => a.category === 'acceptance' || a.category === 'sow')) {
    issues.push({
      key: ATTACHMENTS_KEY,
      code: 'no_acceptance_or_sow',
      message: 'A delivery proof needs at least one acceptance document or statement of work (SOW) attachment.',
    });
  }
  if (attachments.length > MAX_ATTACHMENTS) {
    issues.push({
      key: ATTACHMENTS_KEY,
      code: 'too_many_attachments',
      message: `A delivery proof can carry at most ${MAX_ATTACHMENTS} attachments; this one has ${attachments.length}.`,
    });
  }
  for (const a of attachments) {
    if (a.size !== undefined && a.size > MAX_ATTACHMENT_BYTES) {
      issues.push({
        key: ATTACHMENTS_KEY,
        code: 'file_too_large',
        message: `${a.fileName ? `"${a.fileName}"` : 'An attachment'} is ${(a.size / 1024 / 1024).toFixed(1)} MB; a file can be at most 20 MB.`,
      });
    }
  }
  return issues;
}

export interface ValidateProofOptions {
  /** V4: also check the enabling time against the order's placement and the submission moment. */
  enablingTimeBounds?: EnablingTimeBounds;
}

/** Every problem in the draft, in template order, then attachments, then the enabling time. Empty = ready. */
export function validateProof(
  template: ProofTemplate,
  draft: ProofDraft,
  options: ValidateProofOptions = {},
): ProofIssue[] {
  const issues = template.items.flatMap((item) => validateItemValue(item, draft.content[item.key]));
  issues.push(...validateAttachments(template, draft.attachments));
  if (options.enablingTimeBounds) {
    const err = checkEnablingTime(draft.enablingTime ?? null, options.enablingTimeBounds);
    if (err) issues.push({ key: ENABLING_TIME_KEY, code: err.code, message: err.message });
  }
  return issues;
}

/** P1: the `content` sent to the marketplace — template keys only, no attachment items, no empty values. */
export function wireContent(
  template: ProofTemplate,
  content: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of template.items) {
    if (item.kind !== 'attachment' && !isEmptyValue(content[item.key])) out[item.key] = content[item.key];
  }
  return out;
}

/** P5: content keys the template (version) does not have — e.g. after moving a draft to a new version. */
export function unknownContentKeys(template: ProofTemplate, content: Readonly<Record<string, unknown>>): string[] {
  const known = new Set(template.items.filter((i) => i.kind !== 'attachment').map((i) => i.key));
  return Object.keys(content).filter((k) => !known.has(k));
}

/**
 * A problem a generated statement of work resolves by itself (P3's "an acceptance or sow attachment", a template's own
 * `sow` attachment item): a SOW — or a proof package carrying a freshly generated one — cannot wait for itself.
 * Every other problem keeps a draft from producing either (decided here, with V4).
 */
export function resolvedBySow(issue: { key: string; code: string }, template: ProofTemplate): boolean {
  if (issue.code === 'no_acceptance_or_sow') return true;
  if (issue.code !== 'missing_attachment') return false;
  return template.items.find((i) => i.key === issue.key)?.attachmentCategory === 'sow';
}
