// Display formatting (docs/rules.md O3, O4): money with its currency and two decimals, instants in the
// user's time zone. Pure functions so they are tested without a DOM.
import { formatMoney } from '../../common/domain/money';
import { OPEN_STAGES } from '../../common/domain/supervision';
import { DAY_MS } from '../../common/domain/time';
import { LONG_UNACCEPTED_DAYS, marketDaysBetween } from '../../common/domain/urgency';
import type { OrderRow } from '../../common/api/types';
import type { Language } from '../i18n/languages';
import { keptIn } from './kept';

/** The locale Intl uses for a UI language. */
export function localeOf(lang: Language): string {
  return lang === 'zh-CN' ? 'zh-CN' : 'en-US';
}

/** Intl date formatters by their options, made once (kept.ts). */
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat => keptIn(formatters, key, make);

function parts(ms: number, lang: Language, timeZone: string | undefined, withTime: boolean): Record<string, string> {
  const fmt = formatter(
    `${localeOf(lang)}|${timeZone ?? ''}|${withTime}`,
    () =>
      new Intl.DateTimeFormat(localeOf(lang), {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
        timeZone,
      }),
  );
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(ms)) out[p.type] = p.value;
  return out;
}

/**
 * O4: an instant shown in the user's time zone (or `timeZone`, for tests), as `2025-04-01 12:00` in
 * every language: unambiguous, and the same shape as the date filters.
 */
export function formatDateTime(ms: number, lang: Language, timeZone?: string): string {
  const p = parts(ms, lang, timeZone, true);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function formatDate(ms: number, lang: Language, timeZone?: string): string {
  const p = parts(ms, lang, timeZone, false);
  return `${p.year}-${p.month}-${p.day}`;
}

/** O3: integer minor units → "CNY 1,200.00". */
export function formatAmount(minor: number, currency: string, lang: Language): string {
  return formatMoney(minor, currency, localeOf(lang));
}

export function formatCount(n: number, lang: Language): string {
  return new Intl.NumberFormat(localeOf(lang)).format(n);
}

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;
/** 1536 → "1.5 KB" (binary multiples, one decimal above bytes). */
export function formatBytes(bytes: number, lang: Language): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value)} ${UNITS[unit]}`;
}

/**
 * S5/S7: how long an open supervised order has been waiting in its current stage, in whole UTC+8 days (the
 * same count the "overdue" mark, "Waiting > N days" and "most urgent first" use: common/domain/urgency.ts).
 * null when the order is not supervised (S6), finished, or the stage start is unknown.
 */
export function daysWaiting(row: Pick<OrderRow, 'stage' | 'stageSince'>, now: number): number | null {
  if (row.stage === null || row.stageSince === null || !OPEN_STAGES.includes(row.stage)) return null;
  return marketDaysBetween(row.stageSince, now);
}

/** S5: an order not accepted 180 days after placement is flagged separately from the waiting threshold. */
export function isLongUnaccepted(row: Pick<OrderRow, 'stage' | 'placedAt'>, now: number): boolean {
  if (row.stage === null || !OPEN_STAGES.includes(row.stage)) return false;
  return now - row.placedAt >= LONG_UNACCEPTED_DAYS * DAY_MS;
}

/**
 * O4: the zone a shown time is in, as a label beside it: "UTC+1", "UTC−5", "UTC+5:30", "UTC" — the user's own
 * zone (or `timeZone`) at the instant `ms` (offsets change with daylight saving).
 */
export function zoneLabel(ms: number, timeZone?: string): string {
  const name = formatter(
    `zone|${timeZone ?? ''}`,
    () => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' }),
  )
    .formatToParts(ms)
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = (name ?? '').replace(/^(GMT|UTC)/, '').replace('-', '−');
  return offset === '' || /^[+−]0$/.test(offset) ? 'UTC' : `UTC${offset}`;
}
