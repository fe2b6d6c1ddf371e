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

/**
 * The JSON of a success answer that needs nothing but parsing: valid UTF-8, valid JSON, an object nested at most
 * MAX_JSON_DEPTH deep, its resultCode absent or MKT.0000. Undefined for anything else, which the client's own
 * reading turns into the error that says what is wrong (client.ts `finish`).
 */
export function cleanSuccessJson(bytes: Uint8Array): object | undefined {
  if (bytes.length === 0) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(utf8Text(bytes));
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || nestsDeeperThan(json, MAX_JSON_DEPTH))
    return undefined;
  const env = errorBody.safeParse(json);
  const code = env.success ? env.data.resultCode : undefined;
  return code === undefined || code === RESULT.ok ? json : undefined;
}
