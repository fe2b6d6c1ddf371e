// docs/rules.md O3: money is integer minor units (fen/cents), never a float.

/** "1200.00" → 120000. Throws on anything that is not a two-decimal amount. */
export function parseMoney(text: string): number {
  const m = /^(-?)(\d{1,15})\.(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a two-decimal amount: ${JSON.stringify(text)}`);
  const minor = Number(m[2]) * 100 + Number(m[3]);
  return m[1] === '-' ? -minor : minor;
}

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
