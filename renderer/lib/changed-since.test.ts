// The editor's "changed since last delivery" markers (S2, S5b re-delivery; P1 values, P2 enabling time, P3 files).
import { describe, expect, it } from 'vitest';
import type { ProofDeliveryBasis, ProofTemplateView } from '../../common/api/contract-proofs';
import { changedSince } from './changed-since';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const SHA_C = 'c'.repeat(64);

const template: ProofTemplateView = {
  templateVersion: 1,
  items: [
    { key: 'scope', title: 'Scope', description: null, required: true, kind: 'text' },
    { key: 'gb', title: 'Data (GB)', description: null, required: true, kind: 'number' },
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

const basis: ProofDeliveryBasis = {
  orderLineId: 'L-1',
  orderId: 'O-1',
  sameOrder: true,
  deliveryId: 'DL-1',
  deliveredAt: 1,
  templateVersion: 1,
  content: { scope: 'Oracle → RDS', gb: 64, checks: ['b', 'a'] },
  enablingTime: 1_000,
  attachments: [
    { sha256: SHA_A, category: 'acceptance', fileName: 'acceptance.pdf' },
    { sha256: SHA_B, category: 'deployment', fileName: 'console.png' },
  ],
  notCarried: [],
  filledAt: 2,
};

describe('changed since the last delivery (S5b)', () => {
  it('P1, P2, P3: a draft filled from the delivery and left alone has nothing changed', () => {
    const c = changedSince(basis, template, {
      content: { scope: 'Oracle → RDS', gb: 64, checks: ['a', 'b'] },
      enablingTime: 1_000,
      attachments: [...basis.attachments].reverse(),
    });
    expect([...c.items]).toEqual([]);
    expect(c.enablingTime).toBe(false);
    expect(c.otherFiles).toBe(false);
  });

  it('P1: each item that differs is marked, and only those; an emptied item counts as changed', () => {
    const c = changedSince(basis, template, {
      content: { scope: 'Oracle → RDS (2 sites)', checks: ['a', 'b'] },
      enablingTime: 1_000,
      attachments: basis.attachments,
    });
    expect([...c.items].sort()).toEqual(['gb', 'scope']);
  });

  it('P3: another file in an attachment item marks that item; a recategorised file marks the other attachments', () => {
    const c = changedSince(basis, template, {
      content: basis.content,
      enablingTime: 1_000,
      attachments: [
        { sha256: SHA_C, category: 'acceptance', fileName: 'acceptance-v2.pdf' },
        { sha256: SHA_B, category: 'other', fileName: 'console.png' },
      ],
    });
    expect([...c.items]).toEqual(['acc']);
    expect(c.otherFiles).toBe(true);
  });

  it('P2: a cleared or moved enabling time is a change', () => {
    expect(
      changedSince(basis, template, { content: basis.content, enablingTime: null, attachments: basis.attachments })
        .enablingTime,
    ).toBe(true);
    expect(
      changedSince(basis, template, { content: basis.content, enablingTime: 2_000, attachments: basis.attachments })
        .enablingTime,
    ).toBe(true);
  });
});
