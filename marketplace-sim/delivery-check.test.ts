import { describe, expect, it } from 'vitest';
import { templateItems } from './templates';
import { deliveryProblems } from './delivery-check';

const items = templateItems('migration', 1);
const valid = {
  content: {
    migrationScope: 'Oracle → RDS',
    migrationReport: 'done',
    cutoverDate: '2025-10-10',
    dataVolumeGb: 120,
    checks: ['数据完整性校验 / Data integrity verified'],
  },
  categories: ['acceptance' as const],
  enablingTimeMs: null,
  placedAtMs: Date.UTC(2025, 9, 1),
  nowMs: Date.UTC(2025, 9, 15),
};

describe('delivery checks (P1–P3, V4)', () => {
  it('a proof with every required item in the right shape passes', () => {
    expect(deliveryProblems(items, valid)).toEqual([]);
  });

  it('P1: kinds are checked — a date that does not exist, a string for a number, an unknown option, an unknown key', () => {
    const problems = deliveryProblems(items, {
      ...valid,
      content: {
        ...valid.content,
        cutoverDate: '2025-02-30',
        dataVolumeGb: '120',
        checks: ['nope'],
        extra: 1,
        acceptanceDocument: 'x',
      },
    });
    expect(problems.map((p) => p.field).sort()).toEqual([
      'content.acceptanceDocument',
      'content.checks',
      'content.cutoverDate',
      'content.dataVolumeGb',
      'content.extra',
    ]);
  });

  it('P1/P3: required items and the acceptance-or-SOW attachment are required', () => {
    const problems = deliveryProblems(items, {
      ...valid,
      content: { ...valid.content, migrationScope: '' },
      categories: ['deployment'],
    });
    expect(problems.map((p) => p.field)).toEqual(['content.migrationScope', 'attachments', 'attachments']);
  });

  it('V4: the enabling time lies between placement and submission, and the error names the bound', () => {
    expect(deliveryProblems(items, { ...valid, enablingTimeMs: valid.placedAtMs - 1 })[0].message).toMatch(/placement/);
    expect(deliveryProblems(items, { ...valid, enablingTimeMs: valid.nowMs + 1 })[0].message).toMatch(/submission/);
    expect(deliveryProblems(items, { ...valid, enablingTimeMs: valid.placedAtMs })).toEqual([]);
  });
});
