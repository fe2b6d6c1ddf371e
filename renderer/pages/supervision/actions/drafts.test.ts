// The action forms' own checks: the contract's bounds, S5's letter of commitment, and editing a
// refused item from what the user entered.
import { describe, expect, it } from 'vitest';
import { outboxInputs } from '../../../../common/api/contract-outbox';
import {
  appealFromPayload,
  appealPayload,
  appealProblems,
  filesProblem,
  reviewFromPayload,
  reviewProblems,
  textProblem,
  type DraftFile,
} from './drafts';

const file = (category: DraftFile['category'], n = 1): DraftFile => ({
  sha256: n.toString(16).padStart(64, 'a'),
  fileName: `f${n}.pdf`,
  size: 10,
  contentType: 'application/pdf',
  category,
});

describe('action drafts', () => {
  it('a reason is 1–2000 characters, counted as a person counts them (2000 Chinese characters pass)', () => {
    expect(textProblem('')).toBe('required');
    expect(textProblem('  \n ')).toBe('required');
    expect(textProblem('请'.repeat(2000))).toBeNull();
    expect(textProblem('x'.repeat(2001))).toBe('tooLong');
  });

  it('S5: "customer unreachable" needs a commitment_letter attachment; P3: at most 20 files', () => {
    expect(appealProblems({ reason: 'r', customerUnreachable: true, files: [file('other')] }).files).toBe(
      'letterRequired',
    );
    expect(
      appealProblems({ reason: 'r', customerUnreachable: true, files: [file('commitment_letter')] }).files,
    ).toBeNull();
    expect(appealProblems({ reason: 'r', customerUnreachable: false, files: [] })).toEqual({
      reason: null,
      files: null,
    });
    expect(filesProblem(Array.from({ length: 21 }, (_, i) => file('other', i)))).toBe('tooMany');
  });

  it("a draft's input passes the contract's schema exactly when the form says it is fine", () => {
    const draft = { reason: '客户 30 天未回复', customerUnreachable: true, files: [file('commitment_letter')] };
    expect(appealProblems(draft)).toEqual({ reason: null, files: null });
    expect(outboxInputs.appeal.safeParse({ orderLineId: 'X-1', ...appealPayload(draft) }).success).toBe(true);
    expect(reviewProblems({ decision: null, comments: '', files: [] })).toEqual({
      decision: true,
      comments: 'required',
      files: null,
    });
  });

  it('edit and re-queue starts from the stored payload; junk in it is dropped, not crashed on', () => {
    const sha = 'c'.repeat(64);
    expect(
      appealFromPayload({
        reason: 'first',
        customerUnreachable: true,
        attachments: [{ sha256: sha, category: 'commitment_letter' }, { sha256: 1 }, 'x'],
      }),
    ).toEqual({
      reason: 'first',
      customerUnreachable: true,
      files: [
        { sha256: sha, category: 'commitment_letter', fileName: `${sha.slice(0, 12)}…`, size: null, contentType: null },
      ],
    });
    expect(reviewFromPayload(null)).toEqual({ decision: null, comments: '', files: [] });
    expect(reviewFromPayload({ decision: 'agree', comments: 'ok' }).decision).toBe('agree');
  });
});
