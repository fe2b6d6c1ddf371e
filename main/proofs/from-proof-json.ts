// CLI `seller-desk proof submit ORDER_LINE_ID --from proof.json`: a draft from
// `{ "enablingTime": ISO time or null, "content": { key: value }, "attachments": [ { "category", "path" } ] }`.
// Files go through the attachment store (type and size checked by content, P3); the draft is created and filled in
// one transaction. Validation and queueing are the caller's next step (submitDraft), with the same rules as the app.
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../common/api/result';
import { ATTACHMENT_CATEGORIES } from '../../common/marketplace/wire';
import type { Db } from '../db/connection';
import type { AttachmentStore } from '../files/store';
import { MAX_FILES_PER_SUBMISSION } from '../files/store';
import { isDeliverable, requireOrder } from './draft-context';
import { contentKey, draftValue, parseOrThrow } from './draft-schemas';
import type { Clock, Draft, DraftAttachment, DraftValue } from './draft-types';
import { createDraft, saveDraft } from './drafts';

export const proofJson = z
  .object({
    /** RFC 3339 with a zone (`2025-06-01T09:00:00+08:00` or `…Z`), or null: the validity starts at acceptance (V1). */
    enablingTime: z.iso
      .datetime({
        offset: true,
        message: 'expected an ISO 8601 time with a zone, e.g. 2025-06-01T09:00:00+08:00, or null',
      })
      .nullable()
      .default(null),
    content: z.record(contentKey, draftValue.nullable()).default({}),
    attachments: z
      .array(z.object({ category: z.enum(ATTACHMENT_CATEGORIES), path: z.string().min(1) }).strict())
      .max(MAX_FILES_PER_SUBMISSION, `at most ${MAX_FILES_PER_SUBMISSION} files can go in one proof (P3)`)
      .default([]),
  })
  .strict();
export type ProofJson = z.output<typeof proofJson>;

export interface ProofJsonDeps {
  store: AttachmentStore;
  clock: Clock;
  newId?: () => string;
  /** Relative attachment paths are resolved against this folder (the proof.json's); default: the process's cwd. */
  baseDir?: string;
  label?: string;
}

/** A proof.json checked and its files in the attachment store: what the draft is made of, nothing written yet. */
export interface PreparedProof {
  orderLineId: string;
  content: Record<string, DraftValue>;
  attachments: DraftAttachment[];
  enablingTime: number | null;
}

export async function draftFromProofJson(
  db: Db,
  orderLineId: string,
  json: unknown,
  deps: ProofJsonDeps,
): Promise<Draft> {
  return draftFromPrepared(db, await prepareProofJson(db, orderLineId, json, deps), deps);
}

/**
 * The asynchronous part (reading files into the store), so that the draft itself can be made inside the caller's
 * transaction (`proof submit`: the draft and its outbox row commit together, or neither does).
 */
export async function prepareProofJson(
  db: Db,
  orderLineId: string,
  json: unknown,
  deps: ProofJsonDeps,
): Promise<PreparedProof> {
  const input = parseOrThrow(proofJson, json, 'proof.json');
  // Fail on the order before reading any file (S3).
  const order = requireOrder(db, orderLineId);
  if (order.stage !== null && !isDeliverable(order.stage)) {
    throw new AppError(
      'conflict',
      `a delivery proof can be written only in stage awaiting_delivery or delivery_returned; this order is in ${order.stage} (S3)`,
      {
        reason: 'stage',
        stage: order.stage,
      },
    );
  }
  const attachments: DraftAttachment[] = [];
  for (const [i, a] of input.attachments.entries()) {
    const file = path.resolve(deps.baseDir ?? process.cwd(), a.path);
    let sha256: string;
    try {
      sha256 = (await deps.store.addFile(file)).sha256;
    } catch (err) {
      if (err instanceof AppError)
        throw new AppError(err.code, `proof.json.attachments.${i} (${a.path}): ${err.message}`, err.details);
      throw err;
    }
    if (!attachments.some((x) => x.sha256 === sha256 && x.category === a.category))
      attachments.push({ sha256, category: a.category, fileName: path.basename(file) });
  }
  const content: Record<string, DraftValue> = {};
  for (const [k, v] of Object.entries(input.content)) if (v !== null) content[k] = v;
  return {
    orderLineId,
    content,
    attachments,
    enablingTime: input.enablingTime === null ? null : Date.parse(input.enablingTime),
  };
}

/** Creates and fills the draft in one transaction (a savepoint inside the caller's, when there is one). */
export function draftFromPrepared(
  db: Db,
  p: PreparedProof,
  deps: Pick<ProofJsonDeps, 'clock' | 'newId' | 'label'>,
): Draft {
  return db.transaction(() => {
    const draft = createDraft(db, { orderLineId: p.orderLineId, label: deps.label ?? 'proof.json' }, deps);
    return saveDraft(
      db,
      draft.id,
      { content: p.content, attachments: p.attachments, enablingTime: p.enablingTime },
      deps,
    );
  })();
}
