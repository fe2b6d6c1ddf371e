// docs/rules.md O3: money is integer minor units (fen/cents), never a float.

/**
 * "1200.00" → 120000. Throws on anything that is not a two-decimal amount (/^-?\d{1,15}\.\d{2}$/). Read character by
 * character: a synced bill runs it four times a line, a regular expression with groups costs several times as much.
 */
export function parseMoney(text: string): number {
  const n = text.length;
  const neg = n > 0 && text.charCodeAt(0) === 45; // '-'
  const dot = n - 3;
  const start = neg ? 1 : 0;
  if (dot - start < 1 || dot - start > 15 || text.charCodeAt(dot) !== 46) throw notMoney(text); // '.'
  let whole = 0;
  for (let i = start; i < dot; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw notMoney(text);
    whole = whole * 10 + d;
  }
  const tens = text.charCodeAt(dot + 1) - 48;
  const ones = text.charCodeAt(dot + 2) - 48;
  if (tens < 0 || tens > 9 || ones < 0 || ones > 9) throw notMoney(text);
  const minor = whole * 100 + (tens * 10 + ones);
  return neg ? -minor : minor;
}

const notMoney = (text: string): Error => new Error(`not a two-decimal amount: ${JSON.stringify(text)}`);

/** 120000 → "1200.00" (the wire form). */
export function moneyToWire(minor: number): string {
  if (!Number.isSafeInteger(minor)) throw new Error(`not an integer amount: ${minor}`);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 120000, CNY → "CNY 1,200.00" — display with the currency and two decimals. */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 100).toLocaleString(locale);
  return `${currency} ${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}
