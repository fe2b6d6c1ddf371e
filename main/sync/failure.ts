// A failed sync run or connection test as the window words it (docs/marketplace-api.md "Errors"): the kind and the
// HTTP status, so the status bar can say "the marketplace refused the access key (401)" in the user's language
// instead of "Online" — plus the marketplace's own words, one line without control characters, for the tooltip.
import { AppError } from '../../common/api/result';
import type { SyncFailure } from '../../common/api/types';
import { RESULT } from '../../common/marketplace/wire';
import { describeError, MarketplaceError } from './errors';

export function syncFailureOf(err: unknown): SyncFailure {
  const message = describeError(err);
  if (err instanceof AppError)
    return { kind: err.code === 'unauthorized' ? 'unauthorized' : 'other', status: null, message };
  if (!(err instanceof MarketplaceError)) return { kind: 'other', status: null, message };
  if (err.kind === 'network' || err.kind === 'timeout') return { kind: 'unreachable', status: null, message };
  const status = err.status ?? null;
  if (err.kind === 'parse') return { kind: 'unreadable', status, message };
  if (status === 401 || err.resultCode === RESULT.auth) return { kind: 'unauthorized', status: status ?? 401, message };
  if (status === 403) return { kind: 'forbidden', status, message };
  if (status !== null && (status >= 500 || status === 429 || status === 408))
    return { kind: 'server', status, message };
  return { kind: 'refused', status, message };
}

/** The stored AK/SK could not be read (a keychain that refuses, a damaged file). */
export function credentialsFailure(err: unknown): SyncFailure {
  return { kind: 'credentials', status: null, message: describeError(err) };
}
