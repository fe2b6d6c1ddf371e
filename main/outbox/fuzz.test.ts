import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/api/result';
import { samplePdf } from '../../marketplace-sim/sample-files';
import { enqueueAction } from './enqueue';
import { OUTBOX_KINDS, payloadSchemas, type OutboxKind } from './schemas';
import { keySeq, putLines, T0, testEnv, wireLine, type TestEnv } from './testing/fixtures';
import { soakCount } from '../testing/soak';

// Malformed inputs per action channel → typed validation errors, 0 crashes, nothing queued. 1,000 per channel in
// `npm test`, 20,000 in `npm run soak`.
const RUNS = soakCount(1_000, 20_000);
let env: TestEnv;
let sha: string;
const clock = { now: () => T0 + 3_600_000 };
const LINE: Record<OutboxKind, string> = {
  'request.accept': 'F-REQ-000001',
  'request.reject': 'F-REQ-000001',
  appeal: 'F-ACC-000001',
  'unsubscription.review': 'F-UNS-000001',
  delivery: 'F-DEL-000001',
};

beforeAll(async () => {
  env = testEnv(clock);
  putLines(env.db, [
    wireLine('F-REQ-000001', { stage: 'request_pending' }),
    wireLine('F-ACC-000001', { stage: 'awaiting_acceptance' }),
    wireLine('F-UNS-000001', { stage: 'awaiting_delivery', unsubscriptionPending: true }),
    wireLine('F-DEL-000001', { stage: 'awaiting_delivery' }),
  ]);
  sha = (await env.store.addBytes(samplePdf('fuzz'), 'fuzz.pdf')).sha256;
});
afterAll(() => env.close());

function validPayload(kind: OutboxKind): Record<string, unknown> {
  const att = [{ sha256: sha, category: 'sow' }];
  switch (kind) {
    case 'request.accept':
      return {};
    case 'request.reject':
      return { reason: 'please add the environment' };
    case 'appeal':
      return { reason: 'customer silent', customerUnreachable: false, attachments: att };
    case 'unsubscription.review':
      return { decision: 'reject', comments: 'delivered already', attachments: att };
    case 'delivery':
      return { templateVersion: 3, enablingTime: null, content: { env: 'prod' }, attachments: att };
  }
}

const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.integer({ min: -5, max: 5 }),
  fc.string({ maxLength: 5 }),
  fc.constant(''),
  fc.constant('   '),
  fc.string({ minLength: 2001, maxLength: 2100 }),
  fc.constant('x'.repeat(2001)),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.anything(), { maxKeys: 3 }),
  fc.constant({ sha256: 'zz', category: 'sow' }),
  fc.constant(
    Array.from({ length: 21 }, (_, i) => ({
      sha256: (i.toString(16) + 'a'.repeat(64)).slice(0, 64),
      category: 'other',
    })),
  ),
);

/**
 * A malformed input: a valid one with one field replaced by junk, an extra field, a bad envelope, or anything at all.
 */
function malformed(kind: OutboxKind): fc.Arbitrary<unknown> {
  const valid = validPayload(kind);
  const fields = Object.keys(valid);
  const schema = payloadSchemas[kind];
  const corruptField = fields.length
    ? fc
        .tuple(fc.constantFrom(...fields), junk)
        .map(([f, v]) => ({ orderLineId: LINE[kind], kind, payload: { ...valid, [f]: v } }))
    : fc.constant({ orderLineId: LINE[kind], kind, payload: { ...valid, extra: 1 } });
  const extraField = fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !fields.includes(k)),
      fc.anything(),
    )
    .map(([k, v]) => ({ orderLineId: LINE[kind], kind, payload: { ...valid, [k]: v } }));
  const badEnvelope = fc.oneof(
    // A well-formed but unknown id is not malformed (it is a not_found); keep only ids that are not ids.
    junk
      .filter((v) => typeof v !== 'string' || v.trim().length === 0 || v.trim().length > 100)
      .map((orderLineId) => ({ orderLineId, kind, payload: valid })),
    junk.map((k) => ({ orderLineId: LINE[kind], kind: k, payload: valid })),
    fc.constant({ orderLineId: 'x'.repeat(101), kind, payload: valid }),
    fc.constant({ orderLineId: LINE[kind], kind, payload: valid, surprise: true }),
  );
  const anything = fc.anything().map((payload) => ({ orderLineId: LINE[kind], kind, payload }));
  const whole = fc.anything();
  return fc.oneof(corruptField, corruptField, extraField, badEnvelope, anything, whole).filter((i) => {
    const x = i as { orderLineId?: unknown; kind?: unknown; payload?: unknown };
    // Keep only inputs that really are malformed (junk can happen to be valid, e.g. a 5-character reason).
    return !(
      typeof x === 'object' &&
      x &&
      x.kind === kind &&
      x.orderLineId === LINE[kind] &&
      Object.keys(x).length === 3 &&
      schema.safeParse(x.payload ?? {}).success
    );
  });
}

describe('fast-check: malformed inputs per action channel', () => {
  for (const kind of OUTBOX_KINDS) {
    it(`${kind}: ${RUNS.toLocaleString('en-US')} malformed inputs → AppError('validation') naming a field, 0 crashes, nothing queued`, () => {
      let validation = 0;
      let crashes = 0;
      const paths = new Map<string, number>();
      fc.assert(
        fc.property(malformed(kind), (input) => {
          try {
            enqueueAction(env.db, input as { orderLineId: string; kind: string }, { clock, newKey: keySeq(kind) });
            return false; // a malformed input was queued
          } catch (e) {
            if (!(e instanceof AppError)) {
              crashes++;
              return false;
            }
            if (e.code !== 'validation') return false;
            validation++;
            const first = Array.isArray(e.details)
              ? (e.details[0] as { path: string }).path
              : String((e.details as { reason?: string })?.reason);
            const key = first.split('.').slice(0, 2).join('.') || '(root)';
            paths.set(key, (paths.get(key) ?? 0) + 1);
            return typeof e.message === 'string' && e.message.length > 0;
          }
        }),
        { numRuns: RUNS, seed: 20250401 },
      );
      const queued = env.db.prepare('SELECT count(*) FROM outbox').pluck().get();
      console.log(
        `fuzz ${kind}: ${RUNS} inputs → ${validation} validation errors, ${crashes} crashes, ${queued} queued; by field ${JSON.stringify(Object.fromEntries(paths))}`,
      );
      expect(crashes).toBe(0);
      expect(validation).toBe(RUNS);
      expect(queued).toBe(0);
    });
  }
});
