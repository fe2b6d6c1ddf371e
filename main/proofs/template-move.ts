// P5: move a draft onto another template version — items carried over by key, nothing dropped
// silently (values for keys the new version lacks are returned and logged with their values), new required
// items flagged, and the conflict cleared when the template was all that stood in the way.
import { AppError } from '../../common/api/result';
import { isEmptyValue, validateItemValue } from '../../common/domain/proof-rules';
import type { WireTemplateItem } from '../../common/marketplace/wire';
import type { Db } from '../db/connection';
import { currentTemplateVersion, isDeliverable, requireOrder, requireTemplate } from './draft-context';
import type { Clock, Draft, DraftValue } from './draft-types';
import { logDraftEvent, moveDraftRow, requireDraft } from './drafts-repo';
import { orderChanges, rebaseline } from './reconcile';

export interface TemplateMoveResult {
  draft: Draft;
  fromVersion: number;
  toVersion: number;
  /** Keys whose values were kept. */
  carried: string[];
  /** Values the new version has no item for: removed from the draft, listed here and in the draft's log. */
  dropped: Array<{ key: string; title: string | null; value: DraftValue }>;
  /** Required items the old version did not require (or did not have): the user must fill them. */
  newRequired: Array<{ key: string; title: string; kind: WireTemplateItem['kind'] }>;
  /** Carried values the new version's item refuses (its kind or options changed): shown for review. */
  needsReview: Array<{ key: string; title: string; message: string }>;
  /** Whether the draft's conflict was cleared by the move. */
  conflictCleared: boolean;
}

export function moveDraftToTemplate(
  db: Db,
  draftId: string,
  newVersion: number,
  deps: { clock: Clock },
): TemplateMoveResult {
  return db.transaction(() => {
    const d = requireDraft(db, draftId);
    if (d.state !== 'editing' && d.state !== 'conflict') {
      throw new AppError('conflict', `a ${d.state} draft cannot be moved to another template version`, {
        reason: 'submitted',
        state: d.state,
      });
    }
    const from = requireTemplate(db, d.productId, d.templateVersion);
    const to = requireTemplate(db, d.productId, newVersion);
    const oldItems = new Map(from.items.map((i) => [i.key, i]));
    const newItems = new Map(to.items.map((i) => [i.key, i]));

    const content: Record<string, DraftValue> = {};
    const carried: string[] = [];
    const dropped: TemplateMoveResult['dropped'] = [];
    const needsReview: TemplateMoveResult['needsReview'] = [];
    for (const [key, value] of Object.entries(d.content)) {
      const item = newItems.get(key);
      if (!item || item.kind === 'attachment') {
        dropped.push({ key, title: oldItems.get(key)?.title ?? null, value });
        continue;
      }
      content[key] = value;
      carried.push(key);
      const problems = isEmptyValue(value) ? [] : validateItemValue(item, value);
      if (problems.length)
        needsReview.push({ key, title: item.title, message: problems.map((p) => p.message).join(' ') });
    }
    const newRequired = to.items
      .filter((i) => i.required && !oldItems.get(i.key)?.required)
      .map((i) => ({ key: i.key, title: i.title, kind: i.kind }));

    const now = Math.max(deps.clock.now(), d.updatedAt);
    let draft = moveDraftRow(db, d.id, newVersion, content, now);
    // The dropped values stay recoverable from the log (never dropped silently).
    logDraftEvent(db, d.id, now, 'template_moved', {
      from: d.templateVersion,
      to: newVersion,
      dropped,
      newRequired: newRequired.map((i) => i.key),
    });

    let conflictCleared = false;
    if (draft.state === 'conflict') {
      const order = requireOrder(db, draft.orderLineId);
      const version = currentTemplateVersion(db, order);
      // Resolved when the template was all that stood in the way: the order is still deliverable (S3), on this
      // version, nothing else changed since the draft was started, and the conflict named nothing else.
      const others = orderChanges(db, draft, order).filter((c) => c.field !== 'templateVersion');
      const named = (draft.conflict?.changes ?? []).filter((c) => c.field !== 'templateVersion');
      if (version === newVersion && isDeliverable(order.stage) && others.length === 0 && named.length === 0) {
        draft = rebaseline(db, draft, order, now, 'resolved', { by: 'template_move' });
        conflictCleared = true;
      }
    }
    return {
      draft,
      fromVersion: d.templateVersion,
      toVersion: newVersion,
      carried,
      dropped,
      newRequired,
      needsReview,
      conflictCleared,
    };
  })();
}
