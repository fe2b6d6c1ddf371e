// A refused call in words, for the codes that mean the same on every screen (common/api/result.ts): `not_configured`
// — no marketplace account yet, fixed in Settings — and `internal` with its error id, which the user can quote and
// the log files the stack under (main/api/dispatch.ts). Any other error is shown as main worded it.
import { detailsOf, type ApiError } from '../../common/api/result';
import type { Translate } from '../i18n/translate';

/** The id of an unexpected failure, if main filed one. */
export function errorIdOf(error: Pick<ApiError, 'code' | 'details'>): string | null {
  if (error.code !== 'internal') return null;
  const id = detailsOf(error).errorId;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** Whether the fix is in Settings (the screen then offers a way there). */
export const fixedInSettings = (error: Pick<ApiError, 'code'>): boolean => error.code === 'not_configured';

/** The sentence for an error: the two shared codes in the UI language, anything else as main worded it. */
export function errorText(t: Translate, error: ApiError): string {
  if (error.code === 'not_configured') return t('error.notConfigured');
  const id = errorIdOf(error);
  return id ? t('error.internal', { id }) : error.message;
}
