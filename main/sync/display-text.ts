// Server text before it is shown in the terminal or the window (docs/architecture.md "Security": strip control
// characters from server text before showing it). A marketplace's resultMsg, a Location header or a field message
// may carry ANSI escape sequences (which would recolour, retitle or clear the user's terminal), other control
// characters, or bidi overrides that reorder what is read; and it may be 100 KB long. What is shown is one readable
// line; the whole text goes to the log (logText), escaped so it cannot forge log lines either.
import { stripVTControlCharacters } from 'node:util';

/** What the terminal and the window show of one piece of server text. */
export const DISPLAY_MAX_CHARS = 300;
/** The log keeps the whole text, up to this much (answers are bounded anyway: client.ts MAX_JSON_BYTES). */
export const LOG_MAX_CHARS = 1024 * 1024;

// C0 controls, DEL and C1 controls; then the bidi embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069) and the zero-width/BOM marks that make one text read as another.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** One line, without escape sequences or control characters, cut to `max` characters (with "…"). */
export function displayText(text: unknown, max = DISPLAY_MAX_CHARS): string {
  const s = typeof text === 'string' ? text : text === undefined || text === null ? '' : String(text);
  // Cut early so a huge message is not scanned in full just to show its beginning.
  const head = s.length > max * 4 + 64 ? s.slice(0, max * 4 + 64) : s;
  const clean = stripVTControlCharacters(head)
    .replace(CONTROLS, ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = clean.length > max || head.length < s.length;
  if (!cut) return clean;
  const chars = Array.from(clean); // never split a surrogate pair
  return `${chars
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}…`;
}

// What JSON.stringify leaves as is but a terminal or a reader of the log must not get raw: DEL, the C1 controls
// (0x9b is CSI on some terminals), the line/paragraph separators and the bidi controls.
const LOG_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The whole text for the log: JSON-escaped (no raw newline, escape byte or bidi control reaches the log), bounded. */
export function logText(text: string): string {
  const over = text.length - LOG_MAX_CHARS;
  const quoted = JSON.stringify(over > 0 ? text.slice(0, LOG_MAX_CHARS) : text).replace(
    LOG_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return over > 0 ? `${quoted} (… ${over} more characters)` : quoted;
}
