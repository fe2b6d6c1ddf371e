// The marketplace's checks of a submitted delivery proof (docs/marketplace-api.md "Seller actions", docs/rules.md
// P1–P3, V4):
// the template version sent is the line's, content matches the template's items and kinds, the attachments exist,
// at least one acceptance or SOW document, at most 20 files, and the enabling time within its bounds.
import { ATTACHMENT_CATEGORIES, type AttachmentCategory, type WireTemplateItem } from '../common/marketplace/wire';
import { isoFromMs } from '../common/domain/time';

export interface FieldError {
  field: string;
  message: string;
}

/** P3: at most 20 files a proof — decided here. */
export const MAX_PROOF_FILES = 20;

export interface DeliveryCheckInput {
  content: Record<string, unknown>;
  /** The categories of the (resolved) attachments, in order. */
  categories: AttachmentCategory[];
  enablingTimeMs: number | null;
  placedAtMs: number;
  nowMs: number;
}

/** Every problem with the proof against the template (empty = acceptable). */
export function deliveryProblems(items: WireTemplateItem[], input: DeliveryCheckInput): FieldError[] {
  const errors: FieldError[] = [];
  const body = {
    content: input.content,
    attachments: input.categories.map((category) => ({ category })),
    enablingTimeMs: input.enablingTimeMs,
  };
  const bounds = { placedMs: input.placedAtMs, nowMs: input.nowMs };
  const byKey = new Map(items.map((i) => [i.key, i]));
  for (const key of Object.keys(body.content)) {
    const item = byKey.get(key);
    if (!item) errors.push({ field: `content.${key}`, message: 'not an item of the template' });
    else if (item.kind === 'attachment')
      errors.push({
        field: `content.${key}`,
        message: 'an attachment item has no value; attach a file of its category',
      });
  }
  for (const item of items) {
    const value = body.content[item.key];
    if (item.kind === 'attachment') {
      if (item.required && !body.attachments.some((a) => a.category === item.attachmentCategory)) {
        errors.push({
          field: `attachments`,
          message: `"${item.title}" needs at least one ${item.attachmentCategory} attachment`,
        });
      }
      continue;
    }
    if (
      value === undefined ||
      value === null ||
      value === '' ||
      (Array.isArray(value) && value.length === 0 && item.kind !== 'checklist')
    ) {
      if (item.required) errors.push({ field: `content.${item.key}`, message: `"${item.title}" is required` });
      continue;
    }
    const problem = kindProblem(item, value);
    if (problem) errors.push({ field: `content.${item.key}`, message: problem });
  }
  if (!body.attachments.some((a) => a.category === 'acceptance' || a.category === 'sow')) {
    errors.push({ field: 'attachments', message: 'a proof needs at least one acceptance or sow attachment (P3)' });
  }
  if (body.attachments.length > MAX_PROOF_FILES)
    errors.push({ field: 'attachments', message: `at most ${MAX_PROOF_FILES} files a proof (P3)` });
  body.attachments.forEach((a, i) => {
    if (!(ATTACHMENT_CATEGORIES as readonly string[]).includes(a.category))
      errors.push({ field: `attachments.${i}.category`, message: 'unknown category' });
  });
  if (body.enablingTimeMs !== null) {
    if (body.enablingTimeMs < bounds.placedMs)
      errors.push({
        field: 'enablingTime',
        message: `may not be earlier than the order's placement time ${isoFromMs(bounds.placedMs)} (V4)`,
      });
    if (body.enablingTimeMs > bounds.nowMs)
      errors.push({
        field: 'enablingTime',
        message: `may not be later than the submission ${isoFromMs(bounds.nowMs)} (V4)`,
      });
  }
  return errors;
}

/** P1 value shapes: text/longtext a string, date YYYY-MM-DD, number a JSON number, checklist ticked options. */
function kindProblem(item: WireTemplateItem, value: unknown): string | null {
  switch (item.kind) {
    case 'text':
    case 'longtext':
      return typeof value === 'string' ? null : 'expected a string';
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? null : 'expected a date YYYY-MM-DD';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'expected a number';
    case 'checklist': {
      const options = item.options ?? [];
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
        return 'expected the list of ticked options';
      const unknown = value.find((v) => !options.includes(v as string));
      if (unknown !== undefined) return `not an option: ${String(unknown)}`;
      return new Set(value).size === value.length ? null : 'an option is ticked twice';
    }
    default:
      return null;
  }
}

/** `YYYY-MM-DD` naming a day that exists (Date.parse would roll 2025-02-30 over to March). */
function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
