// P3 in the statement of work, read back with pdftotext: each attachment is listed under its real category (a
// recategorised screenshot as a deployment proof, never as a request document), and the template's own SOW item names
// this document instead of reporting a missing attachment.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSow } from './generate-sow';
import { loadSowFonts, type SowFonts } from './fonts';
import { SAMPLE_ITEMS, sampleSowInput } from './sow-sample';
import type { SowInput } from './sow-types';

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
if (!hasPoppler && process.env.CI)
  throw new Error('poppler-utils (pdftotext) must be installed in CI: apt-get install -y poppler-utils');

const squash = (s: string) => s.replace(/\s+/g, '');
const SHA = 'c'.repeat(64);

describe.skipIf(!hasPoppler)('statement of work: attachment categories (P3)', () => {
  let dir = '';
  let fonts: SowFonts;
  let n = 0;
  const textOf = async (input: SowInput): Promise<string> => {
    const file = join(dir, `sow-${++n}.pdf`);
    writeFileSync(file, await generateSow(input, { fonts }));
    return squash(execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }));
  };
  const withScreenshot = (category: 'deployment' | 'request'): SowInput => {
    const base = sampleSowInput();
    return {
      ...base,
      template: {
        templateVersion: 3,
        items: [
          ...SAMPLE_ITEMS,
          {
            key: 'statementOfWork',
            title: 'Statement of work / 工作说明书',
            required: false,
            kind: 'attachment',
            attachmentCategory: 'sow',
          },
        ],
      },
      attachments: [
        ...base.attachments.filter((a) => a.category !== 'deployment'),
        { fileName: 'console.png', category, size: 84_211, sha256: SHA },
      ],
    };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sow-categories-'));
    fonts = await loadSowFonts();
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('P3: a screenshot recategorised as deployment is indexed as "Deployment / 部署证明", not as a request document', async () => {
    const all = await textOf(withScreenshot('deployment'));
    expect(all).toMatch(new RegExp(`console\\.png.{0,12}${squash('Deployment')}.{0,12}部署证明`));
    expect(all).not.toContain('需求文档');
    const before = await textOf(withScreenshot('request'));
    expect(before).toMatch(/console\.png.{0,12}Request.{0,12}需求文档/);
  });

  it('P3: the SOW item of the template names this statement of work, not "No attachment (SOW)"', async () => {
    const all = await textOf(withScreenshot('deployment'));
    expect(all).toContain(squash('Statement of work / 工作说明书'));
    expect(all).toContain(squash('This statement of work / 本工作说明书'));
    expect(all).not.toContain(squash('No attachment (SOW'));
    // Other attachment items still say when nothing was attached.
    const noLicense = await textOf({ ...withScreenshot('deployment'), attachments: [] });
    expect(noLicense).toContain(squash('— No attachment (License validity / 授权有效期) / 未上传附件'));
  });
});
