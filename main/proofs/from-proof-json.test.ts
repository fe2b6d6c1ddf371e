import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../common/api/result';
import { samplePdf, samplePng } from '../../marketplace-sim/sample-files';
import { draftFromProofJson } from './from-proof-json';
import { listDrafts } from './drafts-repo';
import { submitDraft } from './submit-draft';
import { FULL_CONTENT, idSeq, LINE_ID, PLACED_AT, proofEnv, putOrder, type ProofEnv } from './testing/fixtures';

let env: ProofEnv;
beforeEach(() => {
  env = proofEnv();
  putOrder(env.db);
  writeFileSync(path.join(env.dir, 'acceptance.pdf'), samplePdf('signed acceptance'));
  writeFileSync(path.join(env.dir, 'license.png'), samplePng('license'));
  writeFileSync(path.join(env.dir, 'notes.txt'), 'plain text is not an allowed type');
});
afterEach(() => env.close());

const deps = () => ({ store: env.store, clock: env.clock, newId: idSeq('d'), baseDir: env.dir });

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('draftFromProofJson (proof submit --from proof.json)', () => {
  it('creates a draft with the content, the enabling time and the files (relative to proof.json), ready to queue', async () => {
    const d = await draftFromProofJson(
      env.db,
      LINE_ID,
      {
        enablingTime: '2025-04-01T13:30:00+08:00',
        content: { ...FULL_CONTENT, notes: null },
        attachments: [
          { category: 'acceptance', path: 'acceptance.pdf' },
          { category: 'license_validity', path: path.join(env.dir, 'license.png') },
        ],
      },
      deps(),
    );
    expect(d).toMatchObject({
      state: 'editing',
      templateVersion: 3,
      enablingTime: PLACED_AT + 90 * 60_000,
      content: FULL_CONTENT,
      label: 'proof.json',
    });
    expect(d.attachments.map((a) => [a.category, a.fileName])).toEqual([
      ['acceptance', 'acceptance.pdf'],
      ['license_validity', 'license.png'],
    ]);
    expect(env.store.get(d.attachments[0].sha256)?.contentType).toBe('application/pdf');
    expect(listDrafts(env.db, LINE_ID)).toHaveLength(1);
    expect(submitDraft(env.db, d.id, { clock: env.clock }).draft.state).toBe('queued');
  });

  it('a malformed proof.json is a validation error naming the field', async () => {
    const bad = await refusal(
      draftFromProofJson(env.db, LINE_ID, { enablingTime: '2025-04-01 13:30', content: {} }, deps()),
    );
    expect(bad.code).toBe('validation');
    expect(bad.message).toMatch(/^proof\.json\.enablingTime: expected an ISO 8601 time with a zone/);
    expect(
      (await refusal(draftFromProofJson(env.db, LINE_ID, { content: { x: { y: 1 } } }, deps()))).message,
    ).toContain('proof.json.content.x');
    expect(
      (
        await refusal(
          draftFromProofJson(env.db, LINE_ID, { attachments: [{ category: 'photo', path: 'a.png' }] }, deps()),
        )
      ).message,
    ).toContain('proof.json.attachments.0.category');
    expect((await refusal(draftFromProofJson(env.db, LINE_ID, { extra: 1 }, deps()))).message).toContain('proof.json');
    expect(listDrafts(env.db, LINE_ID)).toHaveLength(0);
  });

  it('P3: a file of a type not allowed (by content) or missing is refused with its path; no draft is created', async () => {
    const txt = await refusal(
      draftFromProofJson(env.db, LINE_ID, { attachments: [{ category: 'acceptance', path: 'notes.txt' }] }, deps()),
    );
    expect(txt.message).toMatch(
      /^proof\.json\.attachments\.0 \(notes\.txt\): "notes\.txt" is not an allowed file type/,
    );
    const missing = await refusal(
      draftFromProofJson(env.db, LINE_ID, { attachments: [{ category: 'acceptance', path: 'nope.pdf' }] }, deps()),
    );
    expect(missing.code).toBe('not_found');
    expect(listDrafts(env.db, LINE_ID)).toHaveLength(0);
  });

  it('S3: an order in a stage that takes no delivery is refused before any file is read', async () => {
    putOrder(env.db, { stage: 'awaiting_acceptance', version: 2 });
    const err = await refusal(
      draftFromProofJson(env.db, LINE_ID, { attachments: [{ category: 'acceptance', path: 'nope.pdf' }] }, deps()),
    );
    expect(err.message).toContain('this order is in awaiting_acceptance (S3)');
  });
});
