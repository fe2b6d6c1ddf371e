// O3: money as integer minor units — parsing the marketplace's two-decimal strings exactly as the pattern says.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moneyToWire, parseMoney } from './money';

/** The definition parseMoney implements by hand. */
function byPattern(text: string): number {
  const m = /^(-?)(\d{1,15})\.(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a two-decimal amount: ${JSON.stringify(text)}`);
  const minor = Number(m[2]) * 100 + Number(m[3]);
  return m[1] === '-' ? -minor : minor;
}

const outcome = (f: () => number): { value: number } | { error: string } => {
  try {
    return { value: f() };
  } catch (err) {
    return { error: (err as Error).message };
  }
};

describe('parseMoney', () => {
  it('reads two-decimal amounts, signed, up to 15 whole digits', () => {
    expect(parseMoney('1200.00')).toBe(120_000);
    expect(parseMoney('-0.05')).toBe(-5);
    expect(parseMoney('0.00')).toBe(0);
    expect(parseMoney('007.10')).toBe(710);
    expect(parseMoney('999999999999999.99')).toBe(byPattern('999999999999999.99'));
    expect(moneyToWire(parseMoney('-1234.56'))).toBe('-1234.56');
  });

  it('refuses anything else with the same message', () => {
    for (const bad of [
      '',
      '1',
      '1.0',
      '1.000',
      '.00',
      '-.00',
      '+1.00',
      '1,00',
      ' 1.00',
      '1.00 ',
      '1.00\n',
      '١.٠٠',
      '1e3.00',
      '--1.00',
      '1000000000000000.00',
      '1.0a',
      '-',
    ]) {
      expect(() => parseMoney(bad), bad).toThrow(`not a two-decimal amount: ${JSON.stringify(bad)}`);
    }
  });

  it('agrees with the pattern on any string', () => {
    const digits = fc.stringMatching(/^-?\d{0,17}(\.\d{0,3})?$/);
    fc.assert(
      fc.property(fc.oneof(digits, fc.string({ maxLength: 20 })), (text) => {
        const a = outcome(() => parseMoney(text));
        const b = outcome(() => byPattern(text));
        expect(
          Object.is('value' in a ? a.value : NaN, 'value' in b ? b.value : NaN) ||
            ('error' in a && 'error' in b && a.error === b.error),
        ).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
