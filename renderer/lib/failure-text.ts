// A failing connection in words (docs/marketplace-api.md "Errors"): the status bar and Settings' "Test connection"
// say what the marketplace answered — "the marketplace refused the access key (401)" — in the UI language.
import type { SyncFailure } from '../../common/api/types';
import type { Translate } from '../i18n/translate';

/** The reason, e.g. "the marketplace refused the access key (401)". */
export function failureReason(f: SyncFailure, t: Translate): string {
  return t(`failure.${f.kind}`, { status: f.status === null ? '—' : String(f.status), message: f.message });
}

/**
 * Failures the user fixes in Settings (the key, the endpoint): the status bar adds "check Settings" and links there.
 */
export function fixedInSettings(f: SyncFailure): boolean {
  return (
    f.kind === 'unauthorized' ||
    f.kind === 'forbidden' ||
    f.kind === 'credentials' ||
    f.kind === 'unconfigured' ||
    f.kind === 'unreadable'
  );
}

/** The status bar's sentence: "Sync failed: the marketplace refused the access key (401) — check Settings". */
export function syncFailedText(f: SyncFailure, t: Translate): string {
  const text = t('status.syncFailedBecause', { reason: failureReason(f, t) });
  return fixedInSettings(f) ? `${text} — ${t('status.checkSettings')}` : text;
}
