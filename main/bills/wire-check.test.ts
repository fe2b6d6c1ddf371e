// The bills feed's quick schema check: it accepts the bills the zod schema accepts in the usual shape, and never one
// the schema refuses (whatever is changed in a valid bill, by fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bill as billSchema } from '../../common/marketplace/wire';
import { makeBill, makeBillLine } from './testing/bill-fixture';
import { quickBill } from './wire-check';

const valid = () =>
  JSON.parse(
    JSON.stringify(
      makeBill({ lines: [makeBillLine({ n: 1 }), makeBillLine({ n: 2, kind: 'refund', salesAmount: '-20.00' }), makeBillLine({ n: 3, platformFeeRatio: '0.125', attributedAt: '2025-04-11T00:00:00Z' })] }),
    ),
  ) as Record<string, unknown>;

const odd = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(''),
  fc.constant('x'),
  fc.constant(0),
  fc.constant(-1),
  fc.constant(1.5),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.constant(true),
  fc.constant([]),
  fc.constant({}),
  fc.constant('1.0'),
  fc.constant('-1.00'),
  fc.constant('12.345'),
  fc.constant('2025-02-30T00:00:00.000Z'),
  fc.constant('2025-13-01T00:00:00Z'),
  fc.constant('2025-04-10T04:00:00.000+08:00'),
  fc.constant('202504'),
  fc.constant('2025041'),
  fc.constant('refund'),
  fc.constant('Purchase'),
  fc.constant('USD'),
  fc.constant('PAID'),
  fc.constant('0.2.0'),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
);

/** Every path to a value in the bill (objects and arrays), so any one can be replaced. */
function paths(v: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(v)) return [at, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  if (v !== null && typeof v === 'object') return [at, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
  return [at];
}

function replaced(root: Record<string, unknown>, path: Array<string | number>, value: unknown, drop: boolean): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root);
  let cur = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (drop) delete cur[last];
  else cur[last] = value;
  return copy;
}

describe('quickBill', () => {
  it('accepts well-formed bills as they are', () => {
    const b = valid();
    expect(quickBill(b)).toBe(b);
    expect(billSchema.safeParse(b).success).toBe(true);
    expect(quickBill({ ...b, lines: [] })).not.toBeNull();
  });

  it('never accepts a bill the schema refuses: any field replaced or removed', () => {
    const base = valid();
    const all = paths(base);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), odd, fc.boolean(), (i, value, drop) => {
        const item = replaced(base, all[i], value, drop && all[i].length > 0);
        if (quickBill(item) !== null) expect(billSchema.safeParse(item).success).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
