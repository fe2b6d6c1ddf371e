// The statement of work of an ORDER (the CLI `sow ORDER_LINE_ID` and "export the SOWs of selected
// orders"): from the given draft, else the order's most recently edited draft, else an empty draft view — the
// order's current template with nothing delivered yet, so a seller can print the form before the work is done.
import { AppError } from '../../common/api/result';
import type { Db } from '../db/connection';
import type { SowInput } from '../sow/sow-types';
import { currentTemplateVersion, requireOrder, requireTemplate } from './draft-context';
import { listDrafts, requireDraft } from './drafts-repo';
import { assembleSowInput, buildSowInput, type SowInputOptions } from './sow-input';
import { requireProducible, requireValidEnablingTime } from './validate-draft';

export interface OrderSow {
  input: SowInput;
  /** The draft it was built from; null for the empty draft view. */
  draftId: string | null;
  revision: number | null;
}

export function sowInputForOrder(db: Db, orderLineId: string, opts: SowInputOptions & { draftId?: string }): OrderSow {
  const order = requireOrder(db, orderLineId);
  if (opts.draftId) {
    const d = requireDraft(db, opts.draftId);
    if (d.orderLineId !== orderLineId) {
      throw new AppError(
        'validation',
        `draft ${opts.draftId} belongs to order line ${d.orderLineId}, not ${orderLineId}`,
        { reason: 'draft_of_other_line' },
      );
    }
    // P1–P3, V4: the SOW of a named draft is the customer's document: an invalid draft produces none.
    requireProducible(db, d.id, { now: opts.now, output: 'sow', withSow: true });
    return { input: buildSowInput(db, d.id, opts), draftId: d.id, revision: d.revision };
  }
  const latest = listDrafts(db, orderLineId)[0];
  if (latest) {
    // V4: a form to sign may be incomplete, but never prints the period of an enabling time that cannot apply.
    requireValidEnablingTime(db, latest.id, { now: opts.now });
    return { input: buildSowInput(db, latest.id, opts), draftId: latest.id, revision: latest.revision };
  }

  const version = currentTemplateVersion(db, order);
  if (version === null)
    throw new AppError(
      'not_found',
      `no delivery template of product ${order.productId} is cached yet; sync first (P1)`,
      { reason: 'no_template' },
    );
  const template = requireTemplate(db, order.productId, version);
  const documentId =
    opts.documentId ??
    `SOW-${order.orderLineId
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(-12)
      .toUpperCase()}-r0`;
  return {
    input: assembleSowInput(order, template, { content: {}, enablingTime: null }, [], { ...opts, documentId }),
    draftId: null,
    revision: null,
  };
}
