// Channels through dispatch: typed validation errors, the local checks (S3, S5, S5a, S5c)
// with their reason codes, what the detail panel may enable, and 1,000 malformed inputs per action channel.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract } from '../../common/api/contract';
import type { ApiError, Result } from '../../common/api/result';
import { samplePdf } from '../../marketplace-sim/sample-files';
import { upsertOrderLines } from '../orders/order-lines';
import { wireLine } from './testing/fixtures';
import { createServices, type Services } from '../services';
import { MemoryCredentialStore } from '../settings/credential-store';
import { dispatch } from '../api/dispatch';

let dataDir: string;
let services: Services;
const call = (channel: string, input: unknown) => dispatch(services.handlers, channel, input);
const failure = (r: Result<unknown>): ApiError => {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
};
const reasonOf = (e: ApiError) => (e.details as { reason?: string } | undefined)?.reason;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sd-handlers-outbox-'));
  // Not connected: actions queue and stay queued (nothing is sent), which is all these tests need.
  services = createServices({ dataDir, credentialStore: new MemoryCredentialStore() });
  upsertOrderLines(services.db, [
    wireLine('H-REQ-000001', { stage: 'request_pending' }),
    wireLine('H-REQ-000002', { stage: 'request_pending' }),
    wireLine('H-DEL-000001', { stage: 'awaiting_delivery' }),
    wireLine('H-ACC-000001', { stage: 'awaiting_acceptance' }),
    wireLine('H-APL-000001', { stage: 'request_pending', appealOpen: true }),
    wireLine('H-UNS-000001', { stage: 'awaiting_delivery', unsubscriptionPending: true }),
    wireLine('H-CMP-000001', { stage: 'completed' }),
    wireLine('H-NOS-000001', { supervised: false }),
  ]);
});
afterAll(async () => {
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('actions: typed validation errors', () => {
  it('reject: a reason is required and at most 2000 characters (code points: 2000 Chinese characters pass)', async () => {
    for (const reason of ['', '   ', 'x'.repeat(2001)]) {
      const e = failure(await call('actions:reject-request', { orderLineId: 'H-REQ-000001', reason }));
      expect(e.code).toBe('validation');
      expect((e.details as Array<{ path: string }>)[0].path).toBe('reason');
    }
    const ok = await call('actions:reject-request', { orderLineId: 'H-REQ-000002', reason: '请'.repeat(2000) });
    expect(ok).toMatchObject({
      ok: true,
      value: { kind: 'request.reject', state: 'queued', orderLineId: 'H-REQ-000002' },
    });
  });

  it('appeal: attachments must be store SHA-256s in a known category, at most 20 (P3)', async () => {
    const sha = 'a'.repeat(64);
    const many = Array.from({ length: 21 }, (_, i) => ({
      sha256: i.toString(16).padStart(64, '0'),
      category: 'other',
    }));
    for (const attachments of [[{ sha256: 'nope', category: 'sow' }], [{ sha256: sha, category: 'selfie' }], many]) {
      const e = failure(
        await call('actions:appeal', { orderLineId: 'H-ACC-000001', reason: 'silent customer', attachments }),
      );
      expect(e.code).toBe('validation');
      expect((e.details as Array<{ path: string }>)[0].path).toMatch(/^attachments/);
    }
    // Well-formed, but not in the store: the outbox's own check names it.
    const missing = failure(
      await call('actions:appeal', {
        orderLineId: 'H-ACC-000001',
        reason: 'r',
        attachments: [{ sha256: sha, category: 'sow' }],
      }),
    );
    expect([missing.code, reasonOf(missing)]).toEqual(['validation', 'missing_attachment']);
  });

  it('review: decision is agree or reject; comments required', async () => {
    expect(
      failure(
        await call('actions:review-unsubscription', { orderLineId: 'H-UNS-000001', decision: 'maybe', comments: 'x' }),
      ).code,
    ).toBe('validation');
    expect(
      failure(
        await call('actions:review-unsubscription', { orderLineId: 'H-UNS-000001', decision: 'agree', comments: '' }),
      ).code,
    ).toBe('validation');
  });
});

describe('actions: local checks with a specific reason (S3, S5, S5a, S5c)', () => {
  it('S3: accept/reject only in request_pending — the error names the stage', async () => {
    const e = failure(await call('actions:accept-request', { orderLineId: 'H-DEL-000001' }));
    expect([e.code, reasonOf(e)]).toEqual(['conflict', 'stage']);
    expect(e.message).toBe(
      'Accepting the request is only possible in stage request_pending; this order is in awaiting_delivery (S3)',
    );
  });

  it('S5a: an open appeal freezes every action, a second appeal included', async () => {
    for (const [channel, input] of [
      ['actions:accept-request', {}],
      ['actions:reject-request', { reason: 'r' }],
      ['actions:appeal', { reason: 'r' }],
    ] as const) {
      const e = failure(await call(channel, { orderLineId: 'H-APL-000001', ...input }));
      expect([channel, e.code, reasonOf(e)]).toEqual([channel, 'conflict', 'appeal_open']);
    }
  });

  it('S5: the customer unreachable → a commitment_letter attachment is required', async () => {
    const e = failure(
      await call('actions:appeal', {
        orderLineId: 'H-ACC-000001',
        reason: 'no answer for weeks',
        customerUnreachable: true,
      }),
    );
    expect([e.code, reasonOf(e)]).toEqual(['validation', 'commitment_letter_required']);
    const file = await call('attachments:add', {
      fileName: 'letter.pdf',
      dataBase64: Buffer.from(samplePdf('letter')).toString('base64'),
    });
    expect(file).toMatchObject({ ok: true, value: { fileName: 'letter.pdf', contentType: 'application/pdf' } });
    const sha256 = (file as { value: { sha256: string } }).value.sha256;
    const ok = await call('actions:appeal', {
      orderLineId: 'H-ACC-000001',
      reason: 'no answer for weeks',
      customerUnreachable: true,
      attachments: [{ sha256, category: 'commitment_letter' }],
    });
    expect(ok).toMatchObject({ ok: true, value: { kind: 'appeal', state: 'queued', upload: { sent: 0, files: 1 } } });
  });

  it('S5c: a review needs a pending unsubscription; S6: an unsupervised line has nothing to act on; unknown → not_found', async () => {
    expect(
      reasonOf(
        failure(
          await call('actions:review-unsubscription', {
            orderLineId: 'H-DEL-000001',
            decision: 'agree',
            comments: 'ok',
          }),
        ),
      ),
    ).toBe('no_pending_unsubscription');
    expect(failure(await call('actions:accept-request', { orderLineId: 'H-NOS-000001' })).message).toMatch(/S6/);
    expect(failure(await call('actions:accept-request', { orderLineId: 'H-NONE-000001' })).code).toBe('not_found');
  });

  it('attachments:add sniffs the content (P3): a text file named .pdf is refused', async () => {
    const e = failure(
      await call('attachments:add', { fileName: 'fake.pdf', dataBase64: Buffer.from('just text').toString('base64') }),
    );
    expect([e.code, reasonOf(e)]).toEqual(['validation', 'type_not_allowed']);
  });
});

describe('actions:available and pending sync', () => {
  it('judges the order as it will be once queued actions are applied; "pending sync" until acked', async () => {
    const before = await call('actions:available', { orderLineId: 'H-REQ-000001' });
    expect(before).toMatchObject({
      ok: true,
      value: {
        accept: { allowed: true },
        reject: { allowed: true },
        appeal: { allowed: true },
        review: { allowed: false, reason: 'no_pending_unsubscription' },
      },
    });
    const item = await call('actions:accept-request', { orderLineId: 'H-REQ-000001' });
    expect(item).toMatchObject({ ok: true, value: { state: 'queued', attempts: 0, order: { orderId: 'H-REQ' } } });
    const after = await call('actions:available', { orderLineId: 'H-REQ-000001' });
    // S3: the accept is queued, so the stage will be awaiting_delivery.
    expect(after).toMatchObject({
      ok: true,
      value: { accept: { allowed: false, reason: 'stage', stage: 'awaiting_delivery' }, reject: { allowed: false } },
    });
    const frozen = await call('actions:available', { orderLineId: 'H-APL-000001' });
    expect(frozen).toMatchObject({
      ok: true,
      value: { accept: { reason: 'appeal_open' }, appeal: { reason: 'appeal_open' } },
    });
    const summary = await call('outbox:summary', {});
    expect(summary).toMatchObject({ ok: true, value: { needsAttention: 0 } });
    const pending = (summary as { value: { pendingOrderLineIds: string[]; unsent: number } }).value;
    expect(pending.pendingOrderLineIds.sort()).toEqual(['H-ACC-000001', 'H-REQ-000001', 'H-REQ-000002']);
    expect(pending.unsent).toBe(3);
  });

  it('outbox:list filters by state and line; discard needs a reason and is recorded; requeue only from rejected/conflict', async () => {
    const list = await call('outbox:list', { orderLineId: 'H-REQ-000001' });
    const [item] = (list as { value: Array<{ id: string; state: string }> }).value;
    expect(item.state).toBe('queued');
    expect(failure(await call('outbox:requeue', { id: item.id })).code).toBe('conflict');
    expect(failure(await call('outbox:discard', { id: item.id, reason: ' ' })).code).toBe('validation');
    const discarded = await call('outbox:discard', { id: item.id, reason: 'customer called: handled by phone' });
    expect(discarded).toMatchObject({ ok: true, value: { discardReason: 'customer called: handled by phone' } });
    expect((await call('outbox:list', { orderLineId: 'H-REQ-000001' })) as { value: unknown[] }).toMatchObject({
      value: [],
    });
    expect(await call('outbox:list', { orderLineId: 'H-REQ-000001', includeDiscarded: true })).toMatchObject({
      ok: true,
      value: [{ id: item.id }],
    });
    expect((await call('outbox:list', { states: ['queued'] })) as { value: unknown[] }).toMatchObject({
      value: [{ state: 'queued' }, { state: 'queued' }],
    });
  });
});

// At the channel level: malformed inputs are refused by the contract's schema
// (shared with the outbox) as typed validation errors naming a field — never a crash, never a queued item.
describe('fast-check: 1,000 malformed inputs per action channel through dispatch', () => {
  const sha = 'b'.repeat(64);
  const valid: Record<string, Record<string, unknown>> = {
    'actions:accept-request': { orderLineId: 'H-REQ-000002' },
    'actions:reject-request': { orderLineId: 'H-REQ-000002', reason: 'please add the environment' },
    'actions:appeal': {
      orderLineId: 'H-ACC-000001',
      reason: 'silent',
      customerUnreachable: false,
      attachments: [{ sha256: sha, category: 'sow' }],
    },
    'actions:review-unsubscription': {
      orderLineId: 'H-UNS-000001',
      decision: 'reject',
      comments: 'delivered',
      attachments: [],
    },
    'attachments:add': { fileName: 'a.pdf', dataBase64: 'JVBERi0=' },
    'outbox:discard': { id: 'some-id', reason: 'not needed' },
  };
  const junk = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.string({ maxLength: 6 }),
    fc.constant(''),
    fc.constant('  '),
    fc.constant('x'.repeat(2001)),
    fc.array(fc.anything(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.anything(), { maxKeys: 3 }),
    fc.constant(
      Array.from({ length: 21 }, (_, i) => ({ sha256: i.toString(16).padStart(64, 'c'), category: 'other' })),
    ),
  );
  for (const [channel, base] of Object.entries(valid)) {
    it(`${channel}: typed validation errors, 0 crashes, nothing queued`, async () => {
      const schema = contract[channel as keyof typeof contract].input;
      const fields = Object.keys(base);
      const malformed = fc
        .oneof(
          fc.tuple(fc.constantFrom(...fields), junk).map(([f, v]) => ({ ...base, [f]: v })),
          fc
            .tuple(
              fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !fields.includes(k)),
              fc.anything(),
            )
            .map(([k, v]) => ({ ...base, [k]: v })),
          fc.anything(),
        )
        .filter((input) => !schema.safeParse(input).success);
      const unsentBefore = services.outbox.counts().unsent;
      let crashes = 0;
      let validation = 0;
      await fc.assert(
        fc.asyncProperty(malformed, async (input) => {
          const r = await dispatch(services.handlers, channel, input);
          if (r.ok) return false;
          if (r.error.code === 'internal') crashes++;
          if (r.error.code !== 'validation') return false;
          validation++;
          const details = r.error.details as Array<{ path: string; message: string }>;
          return (
            Array.isArray(details) &&
            details.length > 0 &&
            typeof details[0].message === 'string' &&
            r.error.message.length > 0
          );
        }),
        { numRuns: 1000, seed: 20250402 },
      );
      console.log(`fuzz ${channel}: 1000 malformed inputs → ${validation} validation errors, ${crashes} crashes`);
      expect(crashes).toBe(0);
      expect(validation).toBe(1000);
      expect(services.outbox.counts().unsent).toBe(unsentBefore);
    });
  }
});
