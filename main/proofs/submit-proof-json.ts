// `seller-desk proof submit ORDER_LINE_ID --from proof.json` end to end: the files go into the
// attachment store first (asynchronous, content-addressed), then the draft is made, filled, validated and queued in
// ONE transaction (P4): a process killed at any moment leaves a complete queued delivery or nothing — never a
// half-made draft. A refusal rolls the draft back as well, so a corrected proof.json is simply submitted again.
import type { Db } from '../db/connection';
import { draftFromPrepared, prepareProofJson, type ProofJsonDeps } from './from-proof-json';
import { submitDraft, type SubmitDeps, type SubmitResult } from './submit-draft';

export async function submitProofJson(
  db: Db,
  orderLineId: string,
  json: unknown,
  deps: ProofJsonDeps & SubmitDeps,
): Promise<SubmitResult> {
  const prepared = await prepareProofJson(db, orderLineId, json, deps);
  return db.transaction(() => submitDraft(db, draftFromPrepared(db, prepared, deps).id, deps))();
}
