import { describe, expect, it } from 'vitest';
import type { WireTemplateItem } from '../marketplace/wire';
import {
  ATTACHMENTS_KEY,
  ENABLING_TIME_KEY,
  MAX_ATTACHMENTS,
  unknownContentKeys,
  validateItemValue,
  validateProof,
  wireContent,
  type ProofAttachment,
} from './proof-rules';

const item = (kind: WireTemplateItem['kind'], extra: Partial<WireTemplateItem> = {}): WireTemplateItem => ({
  key: kind,
  title: `The ${kind}`,
  required: true,
  kind,
  ...extra,
});
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);
const acceptance: ProofAttachment = { category: 'acceptance', fileName: 'signed.pdf', size: 1000 };

describe('P1: values by item kind', () => {
  it('P1 text/longtext: a string; anything else is not_text', () => {
    for (const kind of ['text', 'longtext'] as const) {
      expect(validateItemValue(item(kind), 'done')).toEqual([]);
      expect(validateItemValue(item(kind), 'line 1\nline 2')).toEqual([]);
      expect(codes(validateItemValue(item(kind), 42))).toEqual(['not_text']);
    }
  });

  it('P1 date: YYYY-MM-DD that exists on the calendar', () => {
    expect(validateItemValue(item('date'), '2024-02-29')).toEqual([]);
    for (const bad of ['2025-02-29', '2025/04/01', '2025-4-1', '2025-04-01T00:00:00Z', 20250401]) {
      const issues = validateItemValue(item('date'), bad);
      expect(codes(issues), String(bad)).toEqual(['bad_date']);
    }
    expect(validateItemValue(item('date'), '2025/04/01')[0].message).toBe(
      '"The date" must be a date as YYYY-MM-DD, not "2025/04/01".',
    );
  });

  it('P1 number: a finite JSON number, not a numeric string', () => {
    expect(validateItemValue(item('number'), 0)).toEqual([]);
    expect(validateItemValue(item('number'), -12.5)).toEqual([]);
    expect(codes(validateItemValue(item('number'), '12'))).toEqual(['not_number']);
    expect(codes(validateItemValue(item('number'), Number.NaN))).toEqual(['not_number']);
    expect(codes(validateItemValue(item('number'), Number.POSITIVE_INFINITY))).toEqual(['not_number']);
  });

  it('P1 checklist: the array of ticked options that exist in `options`, each once', () => {
    const checklist = item('checklist', { options: ['A', 'B', 'C'] });
    expect(validateItemValue(checklist, ['A', 'C'])).toEqual([]);
    const unknown = validateItemValue(checklist, ['A', 'D']);
    expect(codes(unknown)).toEqual(['unknown_option']);
    expect(unknown[0]).toEqual({
      key: 'checklist',
      code: 'unknown_option',
      message: '"The checklist" has no option "D".',
    });
    expect(codes(validateItemValue(checklist, ['B', 'B']))).toEqual(['duplicate_option']);
    expect(codes(validateItemValue(checklist, 'A'))).toEqual(['not_checklist']);
    expect(codes(validateItemValue(checklist, [1]))).toEqual(['not_checklist']);
  });

  it('P1 required: an empty value of a required item is `required`; of an optional item it is fine', () => {
    for (const kind of ['text', 'longtext', 'date', 'number', 'checklist'] as const) {
      for (const empty of [undefined, null, '', '   ', []]) {
        expect(codes(validateItemValue(item(kind), empty)), `${kind} ${JSON.stringify(empty)}`).toEqual(['required']);
        expect(validateItemValue(item(kind, { required: false }), empty)).toEqual([]);
      }
    }
    expect(validateItemValue(item('checklist', { options: ['A'] }), [])[0].message).toBe(
      '"The checklist" is required: tick at least one option.',
    );
  });
});

describe('P1/P3: attachment items and the proof’s attachments', () => {
  const template = {
    items: [
      item('text'),
      {
        key: 'signed',
        title: 'Signed acceptance',
        required: true,
        kind: 'attachment',
        attachmentCategory: 'acceptance',
      } as WireTemplateItem,
      {
        key: 'shots',
        title: 'Screenshots',
        required: true,
        kind: 'attachment',
        attachmentCategory: 'license_validity',
      } as WireTemplateItem,
      {
        key: 'extra',
        title: 'Anything else',
        required: false,
        kind: 'attachment',
        attachmentCategory: 'other',
      } as WireTemplateItem,
    ],
  };

  it('P1: an attachment item is satisfied by ≥1 attachment of its category', () => {
    const ok = validateProof(template, {
      content: { text: 'x' },
      attachments: [acceptance, { category: 'license_validity' }],
    });
    expect(ok).toEqual([]);
    const missing = validateProof(template, { content: { text: 'x' }, attachments: [acceptance] });
    expect(missing).toEqual([
      {
        key: 'shots',
        code: 'missing_attachment',
        message: '"Screenshots" needs at least one attachment of category license_validity.',
      },
    ]);
  });

  it('P3: a proof needs at least one acceptance or sow attachment', () => {
    const t = { items: [item('text', { required: false })] };
    expect(codes(validateProof(t, { content: {}, attachments: [{ category: 'deployment' }] }))).toEqual([
      'no_acceptance_or_sow',
    ]);
    expect(validateProof(t, { content: {}, attachments: [{ category: 'sow' }] })).toEqual([]);
    expect(validateProof(t, { content: {}, attachments: [acceptance] })).toEqual([]);
    expect(validateProof(t, { content: {}, attachments: [] })[0].key).toBe(ATTACHMENTS_KEY);
  });

  it('P3: at most 20 attachments, at most 20 MB a file', () => {
    const t = { items: [] };
    const many = Array.from({ length: MAX_ATTACHMENTS + 1 }, () => acceptance);
    expect(codes(validateProof(t, { content: {}, attachments: many }))).toEqual(['too_many_attachments']);
    expect(validateProof(t, { content: {}, attachments: many.slice(1) })).toEqual([]);
    const big = validateProof(t, {
      content: {},
      attachments: [acceptance, { category: 'other', fileName: 'dump.zip', size: 25 * 1024 * 1024 }],
    });
    expect(big).toEqual([
      { key: ATTACHMENTS_KEY, code: 'file_too_large', message: '"dump.zip" is 25.0 MB; a file can be at most 20 MB.' },
    ]);
  });

  it('P1: issues come in template order, each keyed by its item', () => {
    const t = { items: [item('number'), item('date'), item('text')] };
    const issues = validateProof(t, { content: { number: 'x', date: '2025-13-01' }, attachments: [acceptance] });
    expect(issues.map((i) => [i.key, i.code])).toEqual([
      ['number', 'not_number'],
      ['date', 'bad_date'],
      ['text', 'required'],
    ]);
  });
});

describe('V4 within proof validation', () => {
  const t = { items: [] };
  const bounds = { placedAt: Date.UTC(2025, 0, 1), now: Date.UTC(2025, 1, 1) };

  it('V4: an enabling time outside placement … submission is an issue on enablingTime', () => {
    const early = validateProof(
      t,
      { content: {}, attachments: [acceptance], enablingTime: Date.UTC(2024, 11, 31) },
      { enablingTimeBounds: bounds },
    );
    expect(early.map((i) => [i.key, i.code])).toEqual([[ENABLING_TIME_KEY, 'before_placement']]);
    const late = validateProof(
      t,
      { content: {}, attachments: [acceptance], enablingTime: Date.UTC(2025, 1, 2) },
      { enablingTimeBounds: bounds },
    );
    expect(codes(late)).toEqual(['after_submission']);
    expect(
      validateProof(t, { content: {}, attachments: [acceptance], enablingTime: null }, { enablingTimeBounds: bounds }),
    ).toEqual([]);
  });
});

describe('P1/P5: the wire content', () => {
  const t = {
    items: [
      item('text'),
      item('number', { required: false }),
      item('attachment'),
      item('checklist', { options: ['A'] }),
    ],
  };

  it('P1: only template keys, no attachment items, no empty values', () => {
    expect(wireContent(t, { text: 'x', number: null, attachment: 'ignored', checklist: ['A'], stale: 1 })).toEqual({
      text: 'x',
      checklist: ['A'],
    });
  });

  it('P5: keys the template version does not know are listed', () => {
    expect(unknownContentKeys(t, { text: 'x', stale: 1, attachment: 'y' })).toEqual(['stale', 'attachment']);
  });
});
