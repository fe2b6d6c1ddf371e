// The proof editor's pure helpers: instant validation with main's rules, the
// datetime-local round trip, the P5 move preview, base64 both ways.
import { describe, expect, it } from 'vitest';
import type { ProofTemplateView } from '../../common/api/contract-proofs';
import {
  base64ToBytes,
  blockingIssues,
  bytesToBase64,
  fromLocalInput,
  issuesByKey,
  localIssues,
  movePreview,
  toLocalInput,
} from './proof-view';

const v1: ProofTemplateView = {
  templateVersion: 1,
  items: [
    { key: 'scope', title: 'Scope', description: null, required: true, kind: 'text' },
    { key: 'gb', title: 'Data (GB)', description: null, required: true, kind: 'number' },
    { key: 'old', title: 'Old notes', description: null, required: false, kind: 'longtext' },
    { key: 'checks', title: 'Checks', description: null, required: true, kind: 'checklist', options: ['a', 'b'] },
    {
      key: 'acc',
      title: 'Acceptance',
      description: null,
      required: true,
      kind: 'attachment',
      attachmentCategory: 'acceptance',
    },
  ],
};
const v2: ProofTemplateView = {
  templateVersion: 2,
  items: [
    ...v1.items.filter((i) => i.key !== 'old'),
    { key: 'rollback', title: 'Rollback plan', description: null, required: true, kind: 'longtext' },
  ],
};

describe('proof editor helpers', () => {
  it('P1–P3, V4: the same problems main reports, keyed by item', () => {
    const placedAt = Date.UTC(2025, 0, 1);
    const issues = localIssues(
      v1,
      { content: { gb: 'lots', checks: [] }, attachments: [], enablingTime: placedAt - 1 },
      { placedAt, now: placedAt + 1000 },
    );
    const byKey = issuesByKey(issues);
    expect(byKey.get('scope')?.[0].code).toBe('required');
    expect(byKey.get('gb')?.[0].code).toBe('not_number');
    expect(byKey.get('checks')?.[0].code).toBe('required');
    expect(byKey.get('acc')?.[0].code).toBe('missing_attachment');
    expect(byKey.get('attachments')?.[0].code).toBe('no_acceptance_or_sow');
    expect(byKey.get('enablingTime')?.[0].code).toBe('before_placement');
    const fine = localIssues(
      v1,
      {
        content: { scope: 'x', gb: 1, checks: ['a'] },
        attachments: [
          {
            sha256: 'f'.repeat(64),
            category: 'acceptance',
            fileName: 'a.pdf',
            size: 10,
            contentType: 'application/pdf',
          },
        ],
        enablingTime: null,
      },
      { placedAt, now: placedAt },
    );
    expect(fine).toEqual([]);
  });

  it("O4: a datetime-local value is the user's local time, minute precision, both ways", () => {
    const ms = new Date(2025, 5, 1, 9, 30).getTime();
    expect(toLocalInput(ms)).toBe('2025-06-01T09:30');
    expect(fromLocalInput('2025-06-01T09:30')).toBe(ms);
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('yesterday')).toBeNull();
  });

  it('P5: the move preview carries by key, lists what v2 lacks, and flags new required items', () => {
    const p = movePreview(v1, v2, { scope: 'x', gb: 3, old: 'notes', checks: [] });
    expect(p.carried.map((i) => i.key)).toEqual(['scope', 'gb']);
    expect(p.dropped).toEqual([{ key: 'old', title: 'Old notes' }]);
    expect(p.newRequired.map((i) => i.key)).toEqual(['rollback']);
  });

  it('base64 round trip, past one String.fromCharCode chunk', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });
});

describe('blockingIssues (P1–P3, V4: what keeps "Generate SOW" and "Export proof package" unavailable)', () => {
  const withSowItem: ProofTemplateView = {
    templateVersion: 3,
    items: [
      ...v1.items,
      { key: 'sowDoc', title: 'SOW', description: null, required: true, kind: 'attachment', attachmentCategory: 'sow' },
    ],
  };
  const full = { content: { scope: 'x', gb: 1, checks: ['a'] }, attachments: [], enablingTime: null };
  const bounds = { placedAt: Date.UTC(2025, 3, 1), now: Date.UTC(2025, 4, 1) };

  it('an enabling time before the placement blocks both, alone', () => {
    const issues = localIssues(
      withSowItem,
      {
        ...full,
        attachments: [
          { sha256: 'a', category: 'acceptance', fileName: 'a.pdf', size: 10, contentType: 'application/pdf' },
        ],
        enablingTime: bounds.placedAt - 86_400_000,
      },
      bounds,
    );
    expect(blockingIssues(withSowItem, issues).map((i) => i.code)).toEqual(['before_placement']);
  });

  it('the problems the generated SOW resolves itself do not block it; every other one does', () => {
    const issues = localIssues(withSowItem, full, bounds);
    expect(issues.map((i) => i.code).sort()).toEqual([
      'missing_attachment',
      'missing_attachment',
      'no_acceptance_or_sow',
    ]);
    expect(blockingIssues(withSowItem, issues).map((i) => [i.key, i.code])).toEqual([['acc', 'missing_attachment']]);
  });
});
