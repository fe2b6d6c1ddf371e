// electron-updater's failures as a stable code and one English sentence, so the window can say what went wrong in
// words (and translate it) instead of a stack: a broken feed file, a server that cannot be reached, a bad download.
import type { UpdateError } from '../../common/api/contract-updates';

/** Where in the update the failure happened: the feed read, the background download, or quitAndInstall. */
export type UpdateStep = 'check' | 'download' | 'install';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** Feed content electron-updater refused (newError codes of electron-updater and builder-util-runtime). */
const FEED_CODES = new Set([
  'ERR_UPDATER_INVALID_UPDATE_INFO',
  'ERR_UPDATER_INVALID_VERSION',
  'ERR_UPDATER_NO_FILES_PROVIDED',
  'ERR_UPDATER_NO_CHECKSUM',
]);
const MAX_DETAIL = 200;

function field(err: unknown, name: string): unknown {
  return typeof err === 'object' && err !== null ? (err as Record<string, unknown>)[name] : undefined;
}

/** The first line of the message, without the raw file electron-updater appends to a parse error. */
function firstLine(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  return (raw.split(/\r?\n/)[0] ?? '').split(', rawData:')[0].trim();
}

const clip = (text: string): string => (text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text);

/** electron-updater's two feed-content messages, shortened to what a person can act on. */
function feedDetail(code: unknown, detail: string): string {
  if (code === 'ERR_UPDATER_INVALID_UPDATE_INFO') {
    const m = /Cannot parse update info from (\S+) .*?\): (?:rawData: null|(.*))$/.exec(detail);
    if (m) return m[2] ? `${m[1]} is not valid YAML (${m[2]})` : `${m[1]} is empty`;
  }
  if (code === 'ERR_UPDATER_INVALID_VERSION') {
    const m = /semver version: (".*")$/.exec(detail);
    if (m) return `it gives no valid version (${m[1]})`;
  }
  return detail;
}

export function describeUpdateError(err: unknown, step: UpdateStep): UpdateError {
  const code = field(err, 'code');
  const status = field(err, 'statusCode');
  const detail = clip(feedDetail(code, firstLine(err)));
  const invalidFeed: UpdateError = {
    code: 'feed_invalid',
    message: `the update information from the feed is not valid: ${detail}`,
  };
  if (step === 'install') return { code: 'install', message: `the update could not be installed: ${detail}` };
  if (code === 'ERR_CHECKSUM_MISMATCH' || /checksum mismatch/i.test(detail)) {
    return {
      code: 'checksum',
      message: 'the downloaded update does not match the checksum in the feed, so it was not installed',
    };
  }
  if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND') {
    return { code: 'feed_missing', message: 'the update feed has no update information for this platform (HTTP 404)' };
  }
  // Node's socket errors, or Electron net's "net::ERR_…" (as a code or leading the message).
  const network =
    typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('net::'))
      ? code
      : /^net::ERR_\S+/.exec(detail)?.[0];
  if (network) return { code: 'unreachable', message: `the update server cannot be reached (${network})` };
  if (typeof status === 'number') return { code: 'http', message: `the update server answered HTTP ${status}` };
  if (typeof code === 'string' && FEED_CODES.has(code)) return invalidFeed;
  // Reading the feed is all a check does besides the network: anything else there is about the file's content
  // (YAML that is not an object, a field of the wrong type).
  if (step === 'check') return invalidFeed;
  return { code: 'other', message: `the update failed: ${detail}` };
}
