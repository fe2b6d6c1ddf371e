// Is a draft ready to deliver? — against the template version it was filled against (P1):
// required items and kinds, at least one acceptance or sow attachment and the 20-file / 20 MB limits (P3), the
// enabling time within V4 (placement ≤ enabling time ≤ now), plus what only the local side can know: keys the
// template does not have, text the marketplace would refuse as too long, files missing from the store.
import { validityOutcomes } from '../../common/domain/validity';
import { AppError } from '../../common/api/result';
import {
  ATTACHMENTS_KEY,
  ENABLING_TIME_KEY,
  resolvedBySow,
  unknownContentKeys,
  validateProof,
} from '../../common/domain/proof-rules';
import type { OrderDetail } from '../../common/api/types';
import type { Db } from '../db/connection';
import type { StoredTemplate } from './templates';
import { getAttachment } from '../files/store';
import { requireOrder, requireTemplate } from './draft-context';
import { MAX_TEXT_CHARS } from './draft-schemas';
import type { Draft, DraftIssue, DraftValidation } from './draft-types';
import { requireDraft } from './drafts-repo';

export function validateDraft(db: Db, draftId: string, opts: { now: number }): DraftValidation {
  const draft = requireDraft(db, draftId);
  const order = requireOrder(db, draft.orderLineId);
  const template = requireTemplate(db, draft.productId, draft.templateVersion);
  return validateLoaded(db, draft, order, template, opts.now);
}

/** The same, for callers that already hold the draft, its order and template. */
export function validateLoaded(
  db: Db,
  draft: Draft,
  order: OrderDetail,
  template: StoredTemplate,
  now: number,
): DraftValidation {
  const issues: DraftIssue[] = [];
  const files = draft.attachments.map((a) => ({ ...a, stored: getAttachment(db, a.sha256) }));
  const proofIssues = validateProof(
    template,
    {
      content: draft.content,
      attachments: files.map((f) => ({ category: f.category, fileName: f.fileName, size: f.stored?.size })),
      enablingTime: draft.enablingTime,
    },
    // V4: placement time of the order (its createTime) and now, the latest a submission can be.
    { enablingTimeBounds: { placedAt: order.placedAt, now } },
  );
  issues.push(...proofIssues);

  const byKey = new Map(template.items.map((i) => [i.key, i]));
  for (const key of unknownContentKeys(template, draft.content)) {
    const item = byKey.get(key);
    issues.push({
      key,
      code: 'unknown_key',
      message: item
        ? `"${item.title}" is an attachment item: attach a file of category ${item.attachmentCategory ?? 'any'} instead of a value.`
        : `"${key}" is not an item of template version ${template.templateVersion}; remove it or move the draft to the template it belongs to (P5).`,
    });
  }
  for (const item of template.items) {
    const value = draft.content[item.key];
    if (typeof value === 'string' && [...value].length > MAX_TEXT_CHARS) {
      issues.push({
        key: item.key,
        code: 'too_long',
        message: `"${item.title}" is ${[...value].length} characters; at most ${MAX_TEXT_CHARS} can be sent.`,
      });
    }
  }
  for (const f of files) {
    if (!f.stored) {
      issues.push({
        key: ATTACHMENTS_KEY,
        code: 'missing_file',
        message: `"${f.fileName}" is no longer in the attachment store; attach it again.`,
      });
    }
  }

  const period =
    order.periodType && order.periodNumber ? { periodType: order.periodType, periodNumber: order.periodNumber } : null;
  const validity = period
    ? validityOutcomes({ ...period, enablingTime: draft.enablingTime, now, placedAt: order.placedAt })
    : null;
  return { ok: issues.length === 0, issues, validity };
}

/** What a draft is about to produce for the customer or the marketplace's web console. */
export type DraftOutput = 'sow' | 'package';

/**
 * P1–P3, V4: an invalid draft produces neither a SOW nor a proof package — the customer's PDF would print a validity
 * period (V1–V2) that cannot apply, a package would carry a proof the marketplace refuses. Throws a `validation`
 * error naming every problem (details: `{ reason: 'invalid_draft', issues }`). `withSow`: the output carries a
 * generated SOW, so the problems that SOW resolves are not counted.
 */
export function requireProducible(
  db: Db,
  draftId: string,
  opts: { now: number; output: DraftOutput; withSow: boolean },
): DraftValidation {
  const draft = requireDraft(db, draftId);
  const order = requireOrder(db, draft.orderLineId);
  const template = requireTemplate(db, draft.productId, draft.templateVersion);
  const v = validateLoaded(db, draft, order, template, opts.now);
  const issues = opts.withSow ? v.issues.filter((i) => !resolvedBySow(i, template)) : v.issues;
  if (issues.length > 0) throw invalidDraftError(draft, issues, opts.output);
  return v;
}

/**
 * V4 only — the order-level SOW (`sow ORDER_LINE_ID` without `--draft`, "export the SOWs of selected orders") prints
 * the latest draft as a form to sign before the work is done, so missing items are fine there; an enabling time
 * outside V4's bounds is not: its validity period would be printed as if it applied.
 */
export function requireValidEnablingTime(db: Db, draftId: string, opts: { now: number }): void {
  const draft = requireDraft(db, draftId);
  const order = requireOrder(db, draft.orderLineId);
  const template = requireTemplate(db, draft.productId, draft.templateVersion);
  const issues = validateLoaded(db, draft, order, template, opts.now).issues.filter((i) => i.key === ENABLING_TIME_KEY);
  if (issues.length > 0) throw invalidDraftError(draft, issues, 'sow');
}

function invalidDraftError(draft: Draft, issues: DraftIssue[], output: DraftOutput): AppError {
  const what = output === 'sow' ? 'no statement of work was generated' : 'no proof package was exported';
  const n = issues.length;
  const list = issues.map((i) => `${i.key}: ${i.message}`).join('; ');
  return new AppError(
    'validation',
    `draft ${draft.id} has ${n} unresolved problem${n === 1 ? '' : 's'}, ${what}: ${list}`,
    {
      reason: 'invalid_draft',
      draftId: draft.id,
      issues,
    },
  );
}
