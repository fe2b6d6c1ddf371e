// Reading a marketplace answer's JSON (docs/marketplace-api.md "Conventions"), shared by the client (client.ts) and
// the page reader that runs off the main thread (page-reader.ts): both must take exactly the same bytes as a success.
import { isUtf8 } from 'node:buffer';
import { errorBody, RESULT } from '../../common/marketplace/wire';

/**
 * Nesting beyond this is no marketplace answer (an order line nests 5 deep); JSON.stringify would overflow the stack.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * True when arrays and objects nest deeper than `max` (the bracket depth of the text): everything that walks an answer
 * afterwards (zod, structured clone, our mappers) recurses. Iterative, so the check itself cannot overflow the stack.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const values: object[] = [];
  const depths: number[] = [];
  if (typeof value === 'object' && value !== null) {
    values.push(value);
    depths.push(1);
  }
  for (let top = values.pop(); top !== undefined; top = values.pop()) {
    const depth = depths.pop() ?? 0;
    if (depth > max) return true;
    for (const child of Object.values(top)) {
      if (typeof child !== 'object' || child === null) continue;
      values.push(child);
      depths.push(depth + 1);
    }
  }
  return false;
}

/**
 * A success's body as text (docs/marketplace-api.md "Conventions": UTF-8), as TextDecoder with `fatal` gives it
 * (a leading BOM dropped), through Node's faster validator and decoder; throws on bytes that are not UTF-8.
 */
export function utf8Text(bytes: Uint8Array): string {
  if (!isUtf8(bytes)) throw new TypeError('not UTF-8');
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** How much of an unparseable body an error keeps (for the log and diagnostics; never the whole 32 MiB). */
export const BODY_KEEP_CHARS = 64 * 1024;

/** An answer's body read as JSON, or why a success's body is not what the marketplace must send. */
export type AnswerJson =
  { json: unknown; parsed: boolean; problem?: undefined } | { problem: string; body?: unknown; json?: undefined };

/**
 * An answer's body as JSON. A success (`ok`) must be UTF-8 JSON, an object nested at most MAX_JSON_DEPTH deep;
 * anything else is a `problem` (with the start of the text when it is not JSON). An error answer is read as far as it
 * goes: text that is not JSON is kept as text (`parsed` false, cut to BODY_KEEP_CHARS). No body reads as null.
 */
export function readAnswerJson(bytes: Uint8Array, ok: boolean): AnswerJson {
  let text = '';
  if (bytes.length > 0) {
    try {
      // A success must be UTF-8 (docs/marketplace-api.md "Conventions"); an error page in another encoding is still
      // an error.
      text = ok ? utf8Text(bytes) : new TextDecoder('utf-8').decode(bytes);
    } catch {
      return { problem: 'the marketplace answered with text that is not valid UTF-8' };
    }
  }
  let json: unknown = null;
  let parsed = true;
  if (text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch {
      parsed = false;
    }
    // Checked on the parsed value (JSON.parse itself does not recurse): a walk of its containers costs a fraction
    // of a character scan of a 1 MB page.
    if (parsed && nestsDeeperThan(json, MAX_JSON_DEPTH)) {
      if (ok) return { problem: `the marketplace answered with JSON nested deeper than ${MAX_JSON_DEPTH} levels` };
      parsed = false;
    }
    if (!parsed) json = text.length > BODY_KEEP_CHARS ? text.slice(0, BODY_KEEP_CHARS) : text;
  }
  if (ok && !parsed) return { problem: 'the marketplace answered with invalid JSON', body: json };
  // Every JSON answer is an object with resultCode (docs/marketplace-api.md "Conventions").
  if (ok && json !== null && (typeof json !== 'object' || Array.isArray(json)))
    return {
      problem: `the marketplace answered with a JSON ${Array.isArray(json) ? 'array' : typeof json} where an object was expected`,
    };
  return { json, parsed };
}

/** True when the answer says success: its resultCode is MKT.0000, or it has none. */
export function resultIsOk(json: unknown): boolean {
  const env = errorBody.safeParse(json);
  const code = env.success ? env.data.resultCode : undefined;
  return code === undefined || code === RESULT.ok;
}

/**
 * The JSON of a success answer that needs nothing but parsing: what readAnswerJson takes as a success, not empty, its
 * resultCode absent or MKT.0000. Undefined for anything else, which the client's own reading turns into the error that
 * says what is wrong (client.ts `finish`).
 */
export function cleanSuccessJson(bytes: Uint8Array): object | undefined {
  const { json } = readAnswerJson(bytes, true);
  return typeof json === 'object' && json !== null && resultIsOk(json) ? json : undefined;
}
