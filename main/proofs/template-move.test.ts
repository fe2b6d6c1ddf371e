import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveDraft } from './drafts';
import { draftHistory, getDraft } from './drafts-repo';
import type { Draft } from './draft-types';
import { reconcileDrafts } from './reconcile';
import { submitDraft } from './submit-draft';
import { moveDraftToTemplate } from './template-move';
import { validateDraft } from './validate-draft';
import { filledDraft, addTemplateV4, LINE_ID, proofEnv, putOrder, type ProofEnv } from './testing/fixtures';

let env: ProofEnv;
let draft: Draft;
beforeEach(async () => {
  env = proofEnv();
  putOrder(env.db);
  addTemplateV4(env.db, env.clock.now());
  ({ draft } = await filledDraft(env, {
    fileName: 'acceptance.pdf',
    extra: { notes: '客户要求周末割接 / weekend cut-over' },
  }));
});
afterEach(() => env.close());

describe('moveDraftToTemplate (P5)', () => {
  it('P5: items carried over by key, dropped values listed (and logged), new required items flagged', () => {
    const r = moveDraftToTemplate(env.db, draft.id, 4, env);
    expect(r.fromVersion).toBe(3);
    expect(r.toVersion).toBe(4);
    expect(r.carried.sort()).toEqual(['checks', 'cutover', 'report', 'scope', 'volume']);
    expect(r.dropped).toEqual([
      { key: 'notes', title: '备注 / Remarks', value: '客户要求周末割接 / weekend cut-over' },
    ]);
    expect(r.newRequired).toEqual([{ key: 'engineer', title: '驻场工程师 / On-site engineer', kind: 'text' }]);
    // volume became a text item in v4: carried, but shown for review.
    expect(r.needsReview).toMatchObject([{ key: 'volume', message: expect.stringContaining('must be text') }]);
    expect(r.draft.templateVersion).toBe(4);
    expect(r.draft.content).not.toHaveProperty('notes');
    // Never dropped silently: the value is in the draft's log.
    expect(draftHistory(env.db, draft.id).at(-1)).toMatchObject({
      event: 'template_moved',
      detail: { dropped: [{ key: 'notes', value: '客户要求周末割接 / weekend cut-over' }] },
    });
    // Validation now asks for the new required item (and the changed kind).
    const v = validateDraft(env.db, draft.id, { now: env.clock.now() });
    expect(v.issues.map((i) => [i.key, i.code])).toEqual([
      ['volume', 'not_text'],
      ['engineer', 'required'],
    ]);
  });

  it('P5: template-version conflict (409 MKT.2003) → move clears it; the draft can then be delivered', () => {
    putOrder(env.db, { templateVersion: 4, version: 2 });
    reconcileDrafts(env.db, LINE_ID, env);
    expect(getDraft(env.db, draft.id)?.state).toBe('conflict');
    const r = moveDraftToTemplate(env.db, draft.id, 4, env);
    expect(r.conflictCleared).toBe(true);
    expect(r.draft).toMatchObject({ state: 'editing', conflict: null, templateVersion: 4 });
    saveDraft(env.db, draft.id, { content: { volume: '412 GB', engineer: '李明' } }, env);
    expect(submitDraft(env.db, draft.id, { clock: env.clock }).outboxItem.payload).toMatchObject({
      templateVersion: 4,
    });
  });

  it('P5: when the stage moved as well, the move does not clear the conflict', () => {
    putOrder(env.db, { templateVersion: 4, stage: 'closed', status: 'CANCELED', version: 2 });
    reconcileDrafts(env.db, LINE_ID, env);
    const r = moveDraftToTemplate(env.db, draft.id, 4, env);
    expect(r.conflictCleared).toBe(false);
    expect(r.draft.state).toBe('conflict');
  });

  it('a submitted draft cannot be moved; an uncached version is not_found', () => {
    expect(() => moveDraftToTemplate(env.db, draft.id, 7, env)).toThrow(/version 7 .* not cached/);
    submitDraft(env.db, draft.id, { clock: env.clock });
    expect(() => moveDraftToTemplate(env.db, draft.id, 4, env)).toThrow(/queued draft cannot be moved/);
  });
});
