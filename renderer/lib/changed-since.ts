// What a draft changed since the delivery it was pre-filled from (a returned delivery, S2/S5b, or an earlier delivery
// of the same product): per template item (P1), the enabling time (P2) and the files outside the template's items
// (P3). Pure, so the editor's markers follow every keystroke and the rule is tested without a DOM.
import type {
  ProofAttachmentRef,
  ProofDeliveryBasis,
  ProofTemplateView,
  ProofValue,
} from '../../common/api/contract-proofs';

export interface DraftNow {
  content: Readonly<Record<string, ProofValue>>;
  enablingTime: number | null;
  attachments: readonly ProofAttachmentRef[];
}

export interface ChangedSince {
  /** Template item keys whose value (or, for attachment items, whose files) differ. */
  items: Set<string>;
  enablingTime: boolean;
  /** Files of categories no template item holds ("Other attachments"). */
  otherFiles: boolean;
}

/** P1: an empty string or an empty checklist is no value; a checklist is a set of ticked options. */
function normal(v: ProofValue | undefined): string {
  if (v === undefined) return '';
  if (Array.isArray(v)) return v.length === 0 ? '' : JSON.stringify([...v].sort());
  if (typeof v === 'string') return v.trim() === '' ? '' : JSON.stringify(v);
  return JSON.stringify(v);
}

const fileSet = (files: readonly ProofAttachmentRef[], keep: (a: ProofAttachmentRef) => boolean): string =>
  files
    .filter(keep)
    .map((a) => `${a.category}:${a.sha256}`)
    .sort()
    .join(',');

export function changedSince(basis: ProofDeliveryBasis, template: ProofTemplateView, now: DraftNow): ChangedSince {
  const items = new Set<string>();
  const itemCategories = new Set<string>();
  for (const item of template.items) {
    if (item.kind === 'attachment') {
      const category = item.attachmentCategory ?? 'other';
      itemCategories.add(category);
      const mine = (a: ProofAttachmentRef) => a.category === category;
      if (fileSet(now.attachments, mine) !== fileSet(basis.attachments, mine)) items.add(item.key);
    } else if (normal(now.content[item.key]) !== normal(basis.content[item.key])) {
      items.add(item.key);
    }
  }
  const other = (a: ProofAttachmentRef) => !itemCategories.has(a.category);
  return {
    items,
    enablingTime: now.enablingTime !== basis.enablingTime,
    otherFiles: fileSet(now.attachments, other) !== fileSet(basis.attachments, other),
  };
}
