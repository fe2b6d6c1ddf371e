import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../common/api/result';
import { openDatabase } from '../db/connection';
import { attachFile, createDraft, deleteDraft, detachFile, saveDraft } from './drafts';
import { draftHistory, getDraft, listDrafts } from './drafts-repo';
import { addFile, idSeq, LINE_ID, PRODUCT, proofEnv, putOrder, type ProofEnv } from './testing/fixtures';

let env: ProofEnv;
beforeEach(() => {
  env = proofEnv();
  putOrder(env.db);
});
afterEach(() => env.close());

const deps = () => ({ clock: env.clock, newId: idSeq('d') });

function appError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('drafts (P1/P4)', () => {
  it('P1: a draft records the template version the order uses and starts empty, editing', () => {
    const d = createDraft(env.db, { orderLineId: LINE_ID, label: ' site visit ' }, deps());
    expect(d).toMatchObject({
      id: 'd-0001',
      orderLineId: LINE_ID,
      productId: PRODUCT,
      templateVersion: 3,
      label: 'site visit',
      state: 'editing',
      revision: 0,
    });
    expect(d.content).toEqual({});
    expect(d.baseStage).toBe('awaiting_delivery');
    expect(draftHistory(env.db, d.id).map((e) => e.event)).toEqual(['created']);
  });

  it('S3: a draft can be started only in awaiting_delivery or delivery_returned', () => {
    putOrder(env.db, { stage: 'request_pending', version: 2 });
    const err = appError(() => createDraft(env.db, { orderLineId: LINE_ID }, deps()));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('this order is in request_pending (S3)');
    putOrder(env.db, { stage: 'delivery_returned', version: 3 });
    expect(createDraft(env.db, { orderLineId: LINE_ID }, deps()).baseStage).toBe('delivery_returned');
  });

  it('S6: an order not under supervision takes no proof; an unknown order is not_found', () => {
    putOrder(env.db, { stage: null, version: 2 });
    expect(appError(() => createDraft(env.db, { orderLineId: LINE_ID }, deps())).message).toContain('S6');
    expect(appError(() => createDraft(env.db, { orderLineId: 'nope' }, deps())).code).toBe('not_found');
  });

  it('P1: a template version that is not cached is a specific not_found (sync first)', () => {
    putOrder(env.db, { templateVersion: 9, version: 2 });
    const err = appError(() => createDraft(env.db, { orderLineId: LINE_ID }, deps()));
    expect(err.code).toBe('not_found');
    expect(err.message).toContain('version 9');
  });

  it('P4: saves merge content per key, null removes a key, every save bumps the revision and the last edit', () => {
    const d = createDraft(env.db, { orderLineId: LINE_ID }, deps());
    env.clock.t += 1000;
    let s = saveDraft(env.db, d.id, { content: { scope: 'a', volume: 3 } }, env);
    env.clock.t += 1000;
    s = saveDraft(
      env.db,
      d.id,
      { content: { scope: 'b', checks: ['Integrity verified'], volume: null }, enablingTime: env.clock.t - 5000 },
      env,
    );
    expect(s.content).toEqual({ scope: 'b', checks: ['Integrity verified'] });
    expect(s.revision).toBe(2);
    expect(s.enablingTime).toBe(env.clock.t - 5000);
    expect(s.updatedAt).toBe(env.clock.t);
    s = saveDraft(env.db, d.id, { enablingTime: null }, env);
    expect(s.enablingTime).toBeNull();
    expect(s.content.scope).toBe('b');
  });

  it('P4: an acknowledged save is on disk — a fresh connection to the file sees it', () => {
    const d = createDraft(env.db, { orderLineId: LINE_ID }, deps());
    saveDraft(env.db, d.id, { content: { report: '第一天 / day one' } }, env);
    const other = openDatabase(env.file);
    try {
      expect(getDraft(other, d.id)?.content.report).toBe('第一天 / day one');
    } finally {
      other.close();
    }
  });

  it('a save with a stale expectedRevision is refused (two editors of one draft)', () => {
    const d = createDraft(env.db, { orderLineId: LINE_ID }, deps());
    saveDraft(env.db, d.id, { content: { scope: 'x' }, expectedRevision: 0 }, env);
    const err = appError(() => saveDraft(env.db, d.id, { content: { scope: 'y' }, expectedRevision: 0 }, env));
    expect(err.details).toMatchObject({ reason: 'stale_revision', revision: 1 });
  });

  it('bad shapes are validation errors naming the field, never a crash', () => {
    const d = createDraft(env.db, { orderLineId: LINE_ID }, deps());
    const bad = appError(() => saveDraft(env.db, d.id, { content: { volume: { x: 1 } } } as never, env));
    expect(bad.code).toBe('validation');
    expect(bad.message).toContain('patch.content.volume');
    expect(appError(() => saveDraft(env.db, d.id, { enablingTime: 1.5 }, env)).message).toContain('patch.enablingTime');
  });

  it('P3: attachments must be in the store, not twice in one category, at most 20', async () => {
    const d = createDraft(env.db, { orderLineId: LINE_ID }, deps());
    const acc = await addFile(env.store, 'acceptance', '验收单.pdf');
    expect(
      appError(() => saveDraft(env.db, d.id, { attachments: [{ ...acc, sha256: 'f'.repeat(64) }] }, env)).details,
    ).toMatchObject({ reason: 'missing_attachment' });
    expect(appError(() => saveDraft(env.db, d.id, { attachments: [acc, acc] }, env)).message).toContain('twice');
    const many = await Promise.all(Array.from({ length: 21 }, (_, i) => addFile(env.store, 'other', `f${i}.pdf`)));
    expect(appError(() => saveDraft(env.db, d.id, { attachments: many }, env)).details).toMatchObject({
      reason: 'too_many_files',
    });
    let s = attachFile(env.db, d.id, acc, env);
    s = attachFile(env.db, d.id, { ...acc, category: 'sow' }, env);
    expect(s.attachments.map((a) => a.category)).toEqual(['acceptance', 'sow']);
    s = detachFile(env.db, d.id, { sha256: acc.sha256, category: 'acceptance' }, env);
    expect(s.attachments.map((a) => a.category)).toEqual(['sow']);
  });

  it('an order can have several drafts, listed with their last edit, latest first', () => {
    const a = createDraft(env.db, { orderLineId: LINE_ID, label: 'A' }, deps());
    env.clock.t += 1000;
    const b = createDraft(env.db, { orderLineId: LINE_ID, label: 'B' }, { clock: env.clock, newId: idSeq('e') });
    env.clock.t += 1000;
    saveDraft(env.db, a.id, { content: { scope: 'x', volume: 1 } }, env);
    const list = listDrafts(env.db, LINE_ID);
    expect(list.map((s) => s.label)).toEqual(['A', 'B']);
    expect(list[0]).toMatchObject({ id: a.id, lastEditAt: env.clock.t, filledItems: 2, revision: 1, state: 'editing' });
    expect(list[1]).toMatchObject({ id: b.id, lastEditAt: env.clock.t - 1000 });
  });

  it('deleting a draft is recorded and hides it; a queued draft cannot be deleted or changed', () => {
    const a = createDraft(env.db, { orderLineId: LINE_ID }, deps());
    env.clock.t += 1000;
    const deleted = deleteDraft(env.db, a.id, { clock: env.clock, reason: 'duplicate' });
    expect(deleted.deletedAt).toBe(env.clock.t);
    expect(listDrafts(env.db, LINE_ID)).toEqual([]);
    expect(listDrafts(env.db, LINE_ID, { includeDeleted: true })).toHaveLength(1);
    expect(draftHistory(env.db, a.id).at(-1)).toMatchObject({ event: 'deleted', detail: { reason: 'duplicate' } });
    expect(appError(() => saveDraft(env.db, a.id, { content: { scope: 'x' } }, env)).code).toBe('not_found');

    const b = createDraft(env.db, { orderLineId: LINE_ID }, { clock: env.clock, newId: idSeq('q') });
    env.db.prepare("UPDATE proof_drafts SET state = 'queued' WHERE id = ?").run(b.id);
    expect(appError(() => deleteDraft(env.db, b.id, env)).details).toMatchObject({ reason: 'submitted' });
    expect(appError(() => saveDraft(env.db, b.id, { content: { scope: 'x' } }, env)).message).toContain(
      'can no longer be changed',
    );
  });
});
