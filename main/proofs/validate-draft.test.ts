import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveDraft } from './drafts';
import type { Draft, DraftIssue } from './draft-types';
import { validateDraft } from './validate-draft';
import { filledDraft, addFile, PLACED_AT, proofEnv, putOrder, type ProofEnv } from './testing/fixtures';

let env: ProofEnv;
let draft: Draft;
beforeEach(async () => {
  env = proofEnv();
  putOrder(env.db);
  ({ draft } = await filledDraft(env, { fileName: '验收单.pdf' }));
});
afterEach(() => env.close());

const issues = (): DraftIssue[] => validateDraft(env.db, draft.id, { now: env.clock.now() }).issues;
const set = (content: Record<string, unknown>) => saveDraft(env.db, draft.id, { content } as never, env);

describe('validateDraft against the draft template version (P1)', () => {
  it('a complete proof has no issues', () => {
    const v = validateDraft(env.db, draft.id, { now: env.clock.now() });
    expect(v.issues).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it('P1 required: an empty required item of each kind is reported by key, with its title', () => {
    set({ scope: null, report: '   ', cutover: null, volume: null, checks: [] });
    const got = issues();
    expect(got.map((i) => [i.key, i.code])).toEqual([
      ['scope', 'required'],
      ['report', 'required'],
      ['cutover', 'required'],
      ['volume', 'required'],
      ['checks', 'required'],
    ]);
    expect(got[0].message).toContain('迁移范围 / Migration scope');
    expect(got[4].message).toContain('tick at least one option');
  });

  it('P1 text/longtext: a value that is not text', () => {
    set({ scope: 42, report: ['a'] });
    expect(issues().map((i) => [i.key, i.code])).toEqual([
      ['scope', 'not_text'],
      ['report', 'not_text'],
    ]);
  });

  it('P1 date: YYYY-MM-DD and a real calendar day', () => {
    set({ cutover: '2025-02-30' });
    expect(issues()).toMatchObject([{ key: 'cutover', code: 'bad_date' }]);
    set({ cutover: '10/04/2025' });
    expect(issues()[0].message).toContain('YYYY-MM-DD');
  });

  it('P1 number: a JSON number, not a numeric string', () => {
    set({ volume: '412' });
    expect(issues()).toMatchObject([{ key: 'volume', code: 'not_number' }]);
  });

  it('P1 checklist: only the template options, each once', () => {
    set({ checks: ['Integrity verified', 'Coffee made', 'Integrity verified'] });
    expect(issues().map((i) => i.code)).toEqual(['unknown_option', 'duplicate_option']);
    expect(issues()[0].message).toContain('"Coffee made"');
  });

  it('P1 attachment item: a required one needs a file of its category; a value for it is refused', async () => {
    const sow = await addFile(env.store, 'sow', 'sow.pdf');
    saveDraft(env.db, draft.id, { attachments: [sow], content: { acceptanceDocument: 'see email' } }, env);
    const got = issues();
    expect(got.map((i) => [i.key, i.code])).toEqual([
      ['acceptanceDocument', 'missing_attachment'],
      ['acceptanceDocument', 'unknown_key'],
    ]);
    expect(got[0].message).toContain('category acceptance');
  });

  it('P3: at least one acceptance or sow attachment', async () => {
    const other = await addFile(env.store, 'other', 'photo.png');
    saveDraft(env.db, draft.id, { attachments: [other] }, env);
    expect(issues().map((i) => i.code)).toEqual(['missing_attachment', 'no_acceptance_or_sow']);
  });

  it('V4: the enabling time may not be before the placement time — the message names the bound', () => {
    saveDraft(env.db, draft.id, { enablingTime: PLACED_AT - 60_000 }, env);
    const [issue] = issues();
    expect(issue).toMatchObject({ key: 'enablingTime', code: 'before_placement' });
    expect(issue.message).toContain('2025-04-01 12:00 (UTC+8)');
  });

  it('V4: the enabling time may not be later than now (the submission)', () => {
    saveDraft(env.db, draft.id, { enablingTime: env.clock.now() + 60_000 }, env);
    expect(issues()).toMatchObject([{ key: 'enablingTime', code: 'after_submission' }]);
    saveDraft(env.db, draft.id, { enablingTime: PLACED_AT }, env);
    expect(issues()).toEqual([]);
  });

  it('P5: a value for a key the template version does not have is reported, not silently dropped', () => {
    set({ legacyField: 'old' });
    expect(issues()).toMatchObject([{ key: 'legacyField', code: 'unknown_key' }]);
  });

  it('text longer than the marketplace takes, and a file gone from the store, are reported', () => {
    set({ notes: 'x'.repeat(20_001) });
    expect(issues()).toMatchObject([{ key: 'notes', code: 'too_long' }]);
    set({ notes: null });
    env.db.pragma('foreign_keys = OFF');
    env.db.prepare('DELETE FROM attachments').run();
    expect(issues().map((i) => i.code)).toEqual(['missing_file']);
  });

  it('V5: both validity outcomes come with the validation (with the enabling time, and from acceptance)', () => {
    saveDraft(env.db, draft.id, { enablingTime: Date.parse('2025-04-05T01:00:00Z') }, env);
    const v = validateDraft(env.db, draft.id, { now: env.clock.now() });
    expect(v.validity?.withEnablingTime).toMatchObject({ startDate: '2025-04-05', endDate: '2025-05-05' });
    expect(v.validity?.fromAcceptance.startsAtAcceptance).toBe(true);
  });
});
