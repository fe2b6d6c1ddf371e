import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../common/api/result';
import { getOutboxItem, listOutbox, pendingOrderLines } from '../outbox/repo';
import { createDraft, saveDraft } from './drafts';
import { draftHistory, getDraft } from './drafts-repo';
import type { Draft, DraftAttachment } from './draft-types';
import { submitDraft } from './submit-draft';
import {
  filledDraft,
  FULL_CONTENT,
  idSeq,
  LINE_ID,
  PLACED_AT,
  proofEnv,
  putOrder,
  type ProofEnv,
} from './testing/fixtures';

let env: ProofEnv;
let draft: Draft;
let acc: DraftAttachment;
beforeEach(async () => {
  env = proofEnv();
  putOrder(env.db);
  ({ draft, acc } = await filledDraft(env, {
    fileName: '验收单-签字版.pdf',
    extra: { notes: '' },
    enablingTime: PLACED_AT + 3_600_000,
  }));
});
afterEach(() => env.close());

const deps = () => ({ clock: env.clock, newKey: idSeq('key') });

async function refusal(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('submitDraft (P4, S3, S5a)', () => {
  it('P4: queues ONE delivery through the outbox with a key made now, and marks the draft queued, together', () => {
    const { draft: queued, outboxItem } = submitDraft(env.db, draft.id, deps());
    expect(queued).toMatchObject({ state: 'queued', outboxId: outboxItem.id, submittedAt: env.clock.now() });
    expect(outboxItem).toMatchObject({
      kind: 'delivery',
      orderLineId: LINE_ID,
      state: 'queued',
      idempotencyKey: 'key-0002',
      createdAt: env.clock.now(),
    });
    // P1: what is sent — template keys only, no empty values; attachments by SHA-256 and category.
    expect(outboxItem.payload).toEqual({
      templateVersion: 3,
      enablingTime: PLACED_AT + 3_600_000,
      content: FULL_CONTENT,
      attachments: [{ sha256: acc.sha256, category: 'acceptance', fileName: '验收单-签字版.pdf' }],
    });
    expect(pendingOrderLines(env.db).has(LINE_ID)).toBe(true);
    expect(draftHistory(env.db, draft.id).at(-1)).toMatchObject({
      event: 'submitted',
      detail: { outboxId: outboxItem.id, idempotencyKey: 'key-0002' },
    });
  });

  it('P4: a second submit of the same draft is refused and adds no delivery', async () => {
    submitDraft(env.db, draft.id, deps());
    const err = await refusal(() => submitDraft(env.db, draft.id, deps()));
    expect(err.code).toBe('conflict');
    expect(err.details).toMatchObject({ reason: 'already_submitted', state: 'queued' });
    expect(listOutbox(env.db).filter((i) => i.kind === 'delivery')).toHaveLength(1);
  });

  it('P4: a second draft of the same order cannot deliver while the first delivery is pending (outbox projection)', async () => {
    submitDraft(env.db, draft.id, deps());
    const other = createDraft(env.db, { orderLineId: LINE_ID }, { clock: env.clock, newId: idSeq('e') });
    saveDraft(env.db, other.id, { content: FULL_CONTENT, attachments: [acc] }, env);
    const err = await refusal(() => submitDraft(env.db, other.id, deps()));
    expect(err.message).toContain('awaiting_acceptance');
    // One transaction: the refused draft is not marked queued.
    expect(getDraft(env.db, other.id)?.state).toBe('editing');
    expect(listOutbox(env.db)).toHaveLength(1);
  });

  it('S3: in a stage that takes no delivery the submit is refused with the stage named; the draft is kept in conflict (P5)', async () => {
    putOrder(env.db, { stage: 'awaiting_acceptance', version: 2 });
    const err = await refusal(() => submitDraft(env.db, draft.id, deps()));
    expect(err.code).toBe('conflict');
    expect(err.message).toBe(
      'Delivering is only possible in stage awaiting_delivery or delivery_returned; this order is in awaiting_acceptance (S3). The draft is kept, marked in conflict (P5).',
    );
    expect(getDraft(env.db, draft.id)).toMatchObject({
      state: 'conflict',
      conflict: { changes: [{ field: 'stage', from: 'awaiting_delivery', to: 'awaiting_acceptance' }] },
    });
    expect(listOutbox(env.db)).toHaveLength(0);
  });

  it('S5a: with an appeal open the submit is refused (flow frozen); the draft stays editable', async () => {
    putOrder(env.db, { appealOpen: true, version: 2 });
    const err = await refusal(() => submitDraft(env.db, draft.id, deps()));
    expect(err.message).toContain('an appeal is open on this order');
    expect(err.message).toContain('(S5a)');
    expect(err.details).toMatchObject({ reason: 'appeal_open' });
    expect(getDraft(env.db, draft.id)?.state).toBe('editing');
    expect(listOutbox(env.db)).toHaveLength(0);
  });

  it('an invalid draft is refused with the specific issues per item', async () => {
    saveDraft(
      env.db,
      draft.id,
      { content: { cutover: '2025-13-01', checks: [] }, enablingTime: env.clock.now() + 1 },
      env,
    );
    const err = await refusal(() => submitDraft(env.db, draft.id, deps()));
    expect(err.code).toBe('validation');
    expect(err.message).toMatch(/^The delivery proof has 3 problems: "割接日期/);
    const issues = (err.details as { issues: Array<{ key: string; code: string }> }).issues;
    expect(issues.map((i) => [i.key, i.code])).toEqual([
      ['cutover', 'bad_date'],
      ['checks', 'required'],
      ['enablingTime', 'after_submission'],
    ]);
    expect(getDraft(env.db, draft.id)?.state).toBe('editing');
    expect(listOutbox(env.db)).toHaveLength(0);
  });

  it('P5: a draft filled against an older template version is marked in conflict, never submitted', async () => {
    putOrder(env.db, { templateVersion: 4, version: 2 });
    const err = await refusal(() => submitDraft(env.db, draft.id, deps()));
    expect(err.details).toMatchObject({ reason: 'draft_conflict' });
    expect(err.message).toContain('template version 3 → 4');
    expect(getOutboxItem(env.db, 'key-0001')).toBeNull();
    expect(listOutbox(env.db)).toHaveLength(0);
  });
});
