// "Last sync" as people say it: "just now", "2 minutes ago", "3 hours ago" (Intl.RelativeTimeFormat in the UI
// language), and the date and time once it is a day old. `now` ticks once a minute (clock-store), so the words move on.
import type { Language } from '../i18n/languages';
import { formatDateTime, localeOf } from './format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * `justNow` is the UI's own words for less than a minute (Intl says "now" / "现在", which reads oddly after "Last sync").
 */
export function formatRelative(ms: number, now: number, lang: Language, justNow: string, timeZone?: string): string {
  const ago = now - ms;
  if (ago < MINUTE) return justNow; // a clock a little ahead of the answer's time reads "just now" too
  const rtf = new Intl.RelativeTimeFormat(localeOf(lang), { numeric: 'always' });
  if (ago < HOUR) return rtf.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return rtf.format(-Math.floor(ago / HOUR), 'hour');
  return formatDateTime(ms, lang, timeZone);
}
