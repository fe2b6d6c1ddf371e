import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../common/api/result';
import { discard } from '../outbox/enqueue';
import { getOutboxItem } from '../outbox/repo';
import { draftHistory, getDraft } from './drafts-repo';
import type { Draft } from './draft-types';
import { reconcileAllDrafts, reconcileDrafts, resolveConflict } from './reconcile';
import { submitDraft } from './submit-draft';
import { filledDraft, FULL_CONTENT, LINE_ID, proofEnv, putOrder, type ProofEnv } from './testing/fixtures';

let env: ProofEnv;
let draft: Draft;
beforeEach(async () => {
  env = proofEnv();
  putOrder(env.db);
  ({ draft } = await filledDraft(env, { fileName: 'acceptance.pdf' }));
});
afterEach(() => env.close());

const reconcile = () => reconcileDrafts(env.db, LINE_ID, env);

/** What the outbox sender records when the marketplace answers (main/outbox/OutboxSender.ts finish()). */
function outboxAnswered(
  id: string,
  state: 'acked' | 'conflict' | 'rejected',
  error?: { status: number; resultCode: string; message: string },
): void {
  env.db
    .prepare('UPDATE outbox SET state = ?, last_error_json = ?, updated_at = ? WHERE id = ?')
    .run(state, error ? JSON.stringify({ at: env.clock.now(), kind: 'http', ...error }) : null, env.clock.now(), id);
  env.db.prepare('DELETE FROM outbox_pending WHERE outbox_id = ?').run(id);
}

describe('P5: a draft whose order moved on is kept and marked in conflict with what changed', () => {
  it('P5 stage moved: a pull stores awaiting_acceptance → conflict { stage from → to }, content kept', () => {
    const lastEdit = getDraft(env.db, draft.id)!.updatedAt;
    env.clock.t += 60_000;
    putOrder(env.db, { stage: 'awaiting_acceptance', version: 2 });
    expect(reconcile()).toEqual([
      {
        draftId: draft.id,
        from: 'editing',
        to: 'conflict',
        changes: [{ field: 'stage', from: 'awaiting_delivery', to: 'awaiting_acceptance' }],
      },
    ]);
    const d = getDraft(env.db, draft.id)!;
    expect(d.conflict).toMatchObject({
      cause: 'order_moved',
      message: expect.stringContaining('stage awaiting_delivery → awaiting_acceptance'),
    });
    expect(d.content).toEqual(FULL_CONTENT);
    // Marking is not an edit: the list keeps showing the user's last edit; the conflict has its own time.
    expect(d.updatedAt).toBe(lastEdit);
    expect(d.conflict?.detectedAt).toBe(env.clock.t);
    expect(reconcile()).toEqual([]);
  });

  it('P5 order closed: unsubscribed during supervision → stage closed and status CANCELED listed', () => {
    putOrder(env.db, { stage: 'closed', status: 'CANCELED', version: 2 });
    reconcile();
    expect(getDraft(env.db, draft.id)?.conflict?.changes).toEqual([
      { field: 'stage', from: 'awaiting_delivery', to: 'closed' },
      { field: 'status', from: 'PROCESSING', to: 'CANCELED' },
    ]);
  });

  it('P5 template version changed: conflict names the versions', () => {
    putOrder(env.db, { templateVersion: 4, version: 2 });
    reconcile();
    expect(getDraft(env.db, draft.id)?.conflict?.changes).toEqual([{ field: 'templateVersion', from: 3, to: 4 }]);
  });

  it('P5: a conflict that moves on further is updated, never cleared by itself', () => {
    putOrder(env.db, { stage: 'awaiting_acceptance', version: 2 });
    reconcile();
    putOrder(env.db, { stage: 'completed', status: 'COMPLETED', version: 3 });
    expect(reconcile()[0]).toMatchObject({ from: 'conflict', to: 'conflict' });
    putOrder(env.db, { stage: 'awaiting_delivery', version: 4 });
    reconcile();
    expect(getDraft(env.db, draft.id)?.state).toBe('conflict');
  });

  it('nothing changed (a pull re-sent the same stage) → no conflict', () => {
    putOrder(env.db, { version: 2 });
    expect(reconcile()).toEqual([]);
    expect(getDraft(env.db, draft.id)?.state).toBe('editing');
  });

  it('S4: the queued delivery acked → the draft is delivered, and the order moving to awaiting_acceptance is no conflict', () => {
    const { outboxItem } = submitDraft(env.db, draft.id, { clock: env.clock });
    outboxAnswered(outboxItem.id, 'acked');
    putOrder(env.db, { stage: 'awaiting_acceptance', version: 2 });
    expect(reconcile()).toMatchObject([{ from: 'queued', to: 'delivered' }]);
    expect(getDraft(env.db, draft.id)?.state).toBe('delivered');
    expect(reconcileAllDrafts(env.db, env)).toEqual([]);
  });

  it('P5: 409 MKT.2003 on the queued delivery → the draft is kept in conflict with the marketplace code and the new version', () => {
    const { outboxItem } = submitDraft(env.db, draft.id, { clock: env.clock });
    putOrder(env.db, { templateVersion: 4, version: 2 }); // the 409 body's orderLine, stored by the sender
    outboxAnswered(outboxItem.id, 'conflict', {
      status: 409,
      resultCode: 'MKT.2003',
      message: 'outdated template version',
    });
    expect(reconcileAllDrafts(env.db, env)).toMatchObject([{ from: 'queued', to: 'conflict' }]);
    expect(getDraft(env.db, draft.id)?.conflict).toMatchObject({
      cause: 'marketplace_refused',
      resultCode: 'MKT.2003',
      changes: [{ field: 'templateVersion', from: 3, to: 4 }],
    });
  });

  it('S5a: 409 MKT.2002 (appeal open) → conflict naming the appeal; after it is resolved the draft can be reopened', () => {
    const { outboxItem } = submitDraft(env.db, draft.id, { clock: env.clock });
    putOrder(env.db, { appealOpen: true, version: 2 });
    outboxAnswered(outboxItem.id, 'conflict', { status: 409, resultCode: 'MKT.2002', message: 'appeal open' });
    reconcile();
    expect(getDraft(env.db, draft.id)?.conflict?.changes).toEqual([{ field: 'appealOpen', from: false, to: true }]);
    putOrder(env.db, { appealOpen: false, version: 3 });
    const reopened = resolveConflict(env.db, draft.id, env);
    expect(reopened).toMatchObject({ state: 'editing', conflict: null, outboxId: null });
    // The refused outbox item is let go, recorded there; the next submit makes a new delivery.
    expect(getOutboxItem(env.db, outboxItem.id)?.discardReason).toContain('superseded');
    expect(submitDraft(env.db, draft.id, { clock: env.clock }).outboxItem.id).not.toBe(outboxItem.id);
  });

  it('the queued delivery discarded in the Sync Center → the draft is editable again (recorded)', () => {
    const { outboxItem } = submitDraft(env.db, draft.id, { clock: env.clock });
    discard(env.db, outboxItem.id, 'wrong file', { clock: env.clock });
    expect(reconcile()).toMatchObject([
      { from: 'queued', to: 'editing', changes: [{ field: 'outbox', to: 'discarded' }] },
    ]);
    expect(getDraft(env.db, draft.id)).toMatchObject({ state: 'editing', outboxId: null });
    expect(draftHistory(env.db, draft.id).at(-1)).toMatchObject({ event: 'unlinked' });
  });

  it('resolveConflict refuses while the order cannot take a delivery (S3) or uses another template version', () => {
    putOrder(env.db, { stage: 'awaiting_acceptance', version: 2 });
    reconcile();
    const stage = (() => {
      try {
        resolveConflict(env.db, draft.id, env);
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(stage?.message).toContain('cannot take a delivery now (S3)');
    // The customer returns the delivery: the order can take one again, the user reviews and keeps the draft.
    putOrder(env.db, { stage: 'delivery_returned', templateVersion: 4, version: 3 });
    expect(() => resolveConflict(env.db, draft.id, env)).toThrow(/move the draft from version 3/);
    putOrder(env.db, { stage: 'delivery_returned', templateVersion: 3, version: 4 });
    expect(resolveConflict(env.db, draft.id, env)).toMatchObject({ state: 'editing', baseStage: 'delivery_returned' });
  });
});
