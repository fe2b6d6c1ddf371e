import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSow } from '../sow/generate-sow';
import { saveDraft } from './drafts';
import { getDraft } from './drafts-repo';
import type { Draft, DraftAttachment } from './draft-types';
import { attachSow, buildSowInput } from './sow-input';
import {
  filledDraft,
  FULL_CONTENT,
  LINE_ID,
  ORDER_ID,
  PLACED_AT,
  proofEnv,
  putOrder,
  type ProofEnv,
} from './testing/fixtures';

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

let env: ProofEnv;
let draft: Draft;
let acc: DraftAttachment;
beforeEach(async () => {
  env = proofEnv();
  putOrder(env.db);
  ({ draft, acc } = await filledDraft(env, {
    fileName: '验收单.pdf',
    extra: { stray: 'not in template' },
    enablingTime: PLACED_AT + 86_400_000,
  }));
});
afterEach(() => env.close());

describe('buildSowInput', () => {
  it('assembles the order, the template version, the delivered content and the V1 validity', () => {
    const input = buildSowInput(env.db, draft.id, { now: env.clock.now(), sellerName: 'Northwind 数据服务' });
    expect(input.documentId).toBe('SOW-D0001-r1');
    expect(input.generatedAt).toBe(env.clock.now());
    expect(input.order).toMatchObject({
      orderId: ORDER_ID,
      orderLineId: LINE_ID,
      amountMinor: 120_000,
      currency: 'CNY',
      placedAt: PLACED_AT,
      sellerName: 'Northwind 数据服务',
    });
    expect(input.template.templateVersion).toBe(3);
    // P1: only template keys are printed.
    expect(input.draft.content).toEqual(FULL_CONTENT);
    expect(input.attachments).toEqual([
      { fileName: '验收单.pdf', category: 'acceptance', size: expect.any(Number), sha256: acc.sha256 },
    ]);
    expect(input.attachments[0].size).toBeGreaterThan(100);
    // V1: the enabling time starts the period (one month, V2).
    expect(input.validity).toMatchObject({
      startsAtAcceptance: false,
      basis: 'enabling_time',
      startDate: '2025-04-02',
      endDate: '2025-05-02',
    });
  });

  it('V1: without an enabling time the SOW says the period starts at acceptance', () => {
    saveDraft(env.db, draft.id, { enablingTime: null }, env);
    expect(
      buildSowInput(env.db, draft.id, { now: env.clock.now(), sellerName: 'S', documentId: 'SOW-1' }).validity,
    ).toMatchObject({ startsAtAcceptance: true });
  });

  it.skipIf(!hasPdftotext)(
    'the generated PDF (pdftotext) carries the order No.; "Attach as SOW" adds it as the sow attachment once',
    async () => {
      const pdf = await generateSow(buildSowInput(env.db, draft.id, { now: env.clock.now(), sellerName: 'Northwind' }));
      const file = path.join(env.dir, 'sow.pdf');
      writeFileSync(file, pdf);
      const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
      expect(text).toContain(ORDER_ID);
      expect(text).toContain('迁移范围');

      let d = await attachSow(env.db, draft.id, pdf, env);
      expect(d.attachments.map((a) => [a.category, a.fileName])).toEqual([
        ['acceptance', '验收单.pdf'],
        ['sow', `SOW-${ORDER_ID}.pdf`],
      ]);
      const firstSow = d.attachments[1].sha256;
      // Regenerated after an edit: replaces the earlier SOW, the SOW never indexes itself.
      saveDraft(env.db, draft.id, { content: { notes: 'updated' } }, env);
      const again = await generateSow(
        buildSowInput(env.db, draft.id, { now: env.clock.now(), sellerName: 'Northwind' }),
      );
      d = await attachSow(env.db, draft.id, again, env);
      expect(d.attachments.filter((a) => a.category === 'sow')).toHaveLength(1);
      expect(getDraft(env.db, draft.id)?.attachments.find((a) => a.category === 'sow')?.sha256).not.toBe(firstSow);
      expect(buildSowInput(env.db, draft.id, { now: 0, sellerName: 'S' }).attachments.map((a) => a.category)).toEqual([
        'acceptance',
      ]);
    },
  );
});
