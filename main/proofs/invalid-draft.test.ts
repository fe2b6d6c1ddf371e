// P1–P3, V4 on the main side: an invalid draft produces neither a statement of work nor a proof package. The sow:*
// and proofs:export-package channels, and the order-level SOW the CLI's `sow --draft` builds, answer a `validation`
// error naming every problem; nothing is written. A valid draft still produces both.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, ChannelInput } from '../../common/api/contract';
import { run } from '../cli/testing/support';
import { openDatabase } from '../db/connection';
import { saveTemplate } from './templates';
import type { Draft } from './draft-types';
import { profilePaths } from '../settings/paths';
import { createDraft, saveDraft } from './drafts';
import { sowInputForOrder } from './sow-for-order';
import {
  FULL_CONTENT,
  filledDraft,
  idSeq,
  ITEMS_V3,
  LINE_ID,
  PLACED_AT,
  PRODUCT,
  proofEnv,
  putOrder,
  type ProofEnv,
} from './testing/fixtures';
import { dispatch } from '../api/dispatch';
import { createProofsHandlers, type ProofsHandlers } from './handlers';

const DAY = 86_400_000;

let env: ProofEnv;
let handlers: ProofsHandlers;
let exportsDir: string;
beforeEach(() => {
  env = proofEnv();
  putOrder(env.db);
  exportsDir = path.join(env.dir, 'exports');
  handlers = createProofsHandlers({
    db: env.db,
    clock: env.clock,
    store: env.store,
    exportsDir,
    sellerName: async () => 'Northwind 数据服务',
    changed: () => {},
    outboxChanged: () => {},
  });
});
afterEach(() => env.close());

const call = <C extends Channel>(channel: C, input: ChannelInput<C>) => dispatch(handlers as never, channel, input);
const exported = (): string[] => (existsSync(exportsDir) ? readdirSync(exportsDir) : []);

interface Refusal {
  ok: false;
  error: { code: string; message: string; details: { reason: string; issues: Array<{ key: string; code: string }> } };
}

function expectRefused(r: unknown, codes: string[]): Refusal['error'] {
  expect(r).toMatchObject({ ok: false, error: { code: 'validation', details: { reason: 'invalid_draft' } } });
  const error = (r as Refusal).error;
  expect(error.details.issues.map((i) => i.code).sort()).toEqual([...codes].sort());
  return error;
}

describe('an invalid draft produces no SOW and no package (P1–P3, V4)', () => {
  it('V4: an enabling time before the placement — sow:generate, sow:attach and proofs:export-package refuse it, naming the bound', async () => {
    const { draft } = await filledDraft(env, { fileName: '验收单.pdf', enablingTime: PLACED_AT - 30 * DAY });
    const sow = expectRefused(await call('sow:generate', { draftId: draft.id }), ['before_placement']);
    expect(sow.message).toMatch(/1 unresolved problem, no statement of work was generated: enablingTime: .*placement/);
    expectRefused(await call('sow:generate', { orderLineId: LINE_ID, draftId: draft.id }), ['before_placement']);
    expectRefused(await call('sow:attach', { draftId: draft.id }), ['before_placement']);
    const pkg = expectRefused(await call('proofs:export-package', { draftId: draft.id, withSow: true }), [
      'before_placement',
    ]);
    expect(pkg.message).toMatch(/no proof package was exported/);
    expect(exported()).toEqual([]);
    // The CLI's `sow ORDER_LINE_ID --draft ID` builds its input here: refused the same way.
    expect(() =>
      sowInputForOrder(env.db, LINE_ID, { now: env.clock.now(), sellerName: 'S', draftId: draft.id }),
    ).toThrow(/enablingTime: /);
    // …and the order-level SOW of the latest draft (a form to sign) never prints the period of that enabling time
    // either.
    expect(() => sowInputForOrder(env.db, LINE_ID, { now: env.clock.now(), sellerName: 'S' })).toThrow(
      /invalid|unresolved problem/,
    );
  });

  it('every problem is named: an empty draft with an enabling time after now', async () => {
    const created = createDraft(env.db, { orderLineId: LINE_ID }, { clock: env.clock, newId: idSeq('d') });
    const draft: Draft = saveDraft(
      env.db,
      created.id,
      { content: { scope: 'x' }, enablingTime: env.clock.now() + DAY },
      env,
    );
    const codes = ['required', 'required', 'required', 'required', 'missing_attachment', 'after_submission'];
    // The package carries a generated SOW, so "an acceptance or sow attachment" (P3) is not held against it.
    const pkg = expectRefused(await call('proofs:export-package', { draftId: draft.id, withSow: true }), codes);
    expect(pkg.message).toMatch(/^draft \S+ has 6 unresolved problems/);
    for (const key of ['report', 'cutover', 'volume', 'checks', 'acceptanceDocument', 'enablingTime'])
      expect(pkg.message).toContain(`${key}: `);
    // Without the SOW, that problem counts too.
    expectRefused(await call('proofs:export-package', { draftId: draft.id, withSow: false }), [
      ...codes,
      'no_acceptance_or_sow',
    ]);
    expectRefused(await call('sow:generate', { draftId: draft.id }), codes);
    expect(exported()).toEqual([]);
  });

  it('a valid draft still produces the SOW, attaches it and exports the package', async () => {
    const { draft } = await filledDraft(env, { fileName: '验收单.pdf', enablingTime: PLACED_AT + DAY });
    const sow = await call('sow:generate', { draftId: draft.id });
    expect(sow).toMatchObject({ ok: true });
    expect(await call('sow:attach', { draftId: draft.id })).toMatchObject({ ok: true });
    const pkg = await call('proofs:export-package', { draftId: draft.id, withSow: true });
    expect(pkg).toMatchObject({ ok: true, value: { canceled: false } });
    expect(exported()).toHaveLength(1);
    expect(() =>
      sowInputForOrder(env.db, LINE_ID, { now: env.clock.now(), sellerName: 'S', draftId: draft.id }),
    ).not.toThrow();
  });
});

describe('the CLI refuses an invalid draft too (P1–P3, V4)', () => {
  it('`sow --draft` and `proof export --draft` exit 1 naming the problems, and write nothing', async () => {
    // A profile's cache with the order, its template and a draft whose enabling time is before the placement.
    const dataDir = path.join(env.dir, 'cli-data');
    const paths = profilePaths(dataDir, false);
    mkdirSync(paths.dir, { recursive: true });
    const db = openDatabase(paths.db);
    saveTemplate(db, {
      template: { productId: PRODUCT, templateVersion: 3, items: ITEMS_V3 },
      etag: null,
      raw: null,
      fetchedAt: env.clock.now(),
    });
    putOrder(db);
    const created = createDraft(db, { orderLineId: LINE_ID }, { clock: env.clock, newId: idSeq('cli') });
    saveDraft(db, created.id, { content: FULL_CONTENT, enablingTime: PLACED_AT - 30 * DAY }, { clock: env.clock });
    db.close();

    const pdf = path.join(env.dir, 'sow.pdf');
    const sow = await run(['sow', LINE_ID, '--draft', created.id, '--out', pdf, '--data-dir', dataDir]);
    expect(sow.code).toBe(1);
    expect(sow.stderr).toMatch(/draft \S+ has 2 unresolved problems, no statement of work was generated: /);
    expect(sow.stderr).toMatch(/enablingTime: The enabling time cannot be earlier than the order's placement time/);
    expect(existsSync(pdf)).toBe(false);

    const zip = path.join(env.dir, 'package.zip');
    const pkg = await run(['proof', 'export', LINE_ID, '--draft', created.id, '--out', zip, '--data-dir', dataDir]);
    expect(pkg.code).toBe(1);
    expect(pkg.stderr).toMatch(/no proof package was exported: .*acceptanceDocument: .*enablingTime: /);
    expect(existsSync(zip)).toBe(false);
  });
});
