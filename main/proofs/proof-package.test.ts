import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { samplePdf } from '../../marketplace-sim/sample-files';
import { createDraft, saveDraft } from './drafts';
import type { Draft, DraftAttachment } from './draft-types';
import { exportProofPackage, type ProofManifest } from './proof-package';
import {
  addFile,
  FULL_CONTENT,
  idSeq,
  LINE_ID,
  ORDER_ID,
  PLACED_AT,
  proofEnv,
  putOrder,
  type ProofEnv,
} from './testing/fixtures';

const hasUnzip = spawnSync('unzip', ['-v']).error === undefined;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let env: ProofEnv;
let draft: Draft;
let files: DraftAttachment[];
beforeEach(async () => {
  env = proofEnv();
  putOrder(env.db);
  draft = createDraft(env.db, { orderLineId: LINE_ID }, { clock: env.clock, newId: idSeq('d') });
  files = [
    await addFile(env.store, 'acceptance', '验收单-签字版.pdf'),
    await addFile(env.store, 'license_validity', 'license.png'),
    // Same name twice in one category, and a name that tries to leave the folder.
    await addFile(env.store, 'deployment', 'shot.png'),
    { ...(await addFile(env.store, 'deployment', '../../etc/shot.png')), fileName: 'shot.png' },
    await addFile(env.store, 'other', '../../evil.pdf'),
  ];
  draft = saveDraft(
    env.db,
    draft.id,
    { content: { ...FULL_CONTENT, notes: '' }, attachments: files, enablingTime: PLACED_AT + 7_200_000 },
    env,
  );
});
afterEach(() => env.close());

describe('exportProofPackage', () => {
  it('a ZIP with the SOW, every attachment and manifest.json whose SHA-256s match the files', async () => {
    const sow = samplePdf(`SOW for ${ORDER_ID}`);
    const outFile = path.join(env.dir, 'proof.zip');
    const r = await exportProofPackage(env.db, draft.id, {
      filesDir: env.store.dir,
      outFile,
      sow,
      now: env.clock.now(),
    });
    expect(r.bytes).toBe(readFileSync(outFile).length);

    const zip = unzipSync(readFileSync(outFile));
    const manifest = JSON.parse(strFromU8(zip['manifest.json'])) as ProofManifest;
    expect(manifest).toMatchObject({
      format: 'seller-desk/proof-package',
      order: { orderId: ORDER_ID, orderLineId: LINE_ID, amount: '1200.00', currency: 'CNY' },
      templateVersion: 3,
      content: FULL_CONTENT,
      enablingTime: new Date(PLACED_AT + 7_200_000).toISOString(),
      validity: '2025-04-01 – 2025-05-01',
    });
    expect(manifest.items.map((i) => i.key)).toContain('acceptanceDocument');
    expect(Object.keys(zip).sort()).toEqual(['manifest.json', ...manifest.files.map((f) => f.path)].sort());
    for (const f of manifest.files) {
      expect(sha(zip[f.path]), f.path).toBe(f.sha256);
      expect(zip[f.path].length).toBe(f.size);
    }
    expect(manifest.files.map((f) => f.path)).toEqual([
      `sow/SOW-${ORDER_ID}.pdf`,
      'attachments/acceptance/验收单-签字版.pdf',
      'attachments/license_validity/license.png',
      'attachments/deployment/shot.png',
      'attachments/deployment/shot (2).png',
      'attachments/other/__.._evil.pdf',
    ]);
    expect(manifest.files[0]).toMatchObject({ role: 'sow', sha256: sha(sow) });
    expect(manifest.files.slice(1).map((f) => f.sha256)).toEqual(files.map((f) => f.sha256));
    expect(manifest.files[2].contentType).toBe('image/png');
    // No temp file left beside the package.
    expect(readdirSync(env.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    if (hasUnzip) {
      const listing = spawnSync('unzip', ['-l', outFile], { encoding: 'utf8' });
      expect(listing.status).toBe(0);
      expect(listing.stdout).toContain('manifest.json');
      expect(listing.stdout).toContain('attachments/license_validity/license.png');
      expect(listing.stdout).toContain('attachments/acceptance/验收单-签字版.pdf');
      const test = spawnSync('unzip', ['-tq', outFile], { encoding: 'utf8' });
      expect(test.stdout).toContain('No errors detected');
    }
  });

  it('a damaged store file fails the export and leaves no package behind', async () => {
    writeFileSync(path.join(env.store.dir, files[1].sha256), 'tampered');
    const outFile = path.join(env.dir, 'broken.zip');
    await expect(exportProofPackage(env.db, draft.id, { filesDir: env.store.dir, outFile })).rejects.toThrow(
      /"license.png" is damaged/,
    );
    expect(existsSync(outFile)).toBe(false);
  });
});
