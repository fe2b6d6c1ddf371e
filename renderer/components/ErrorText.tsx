// One refused call, shown in words (lib/error-text.ts); "Not connected to the marketplace" comes with a way to
// Settings, where the endpoint, AK and SK are set.
import type { ApiError } from '../../common/api/result';
import { errorText, fixedInSettings } from '../lib/error-text';
import { useT } from '../i18n/use-t';
import { useStores } from '../stores/StoresContext';

/** The sentence for `error`, with an "Open Settings" button when the fix is there; `text` overrides the sentence. */
export function ErrorText({ error, text }: { error: ApiError; text?: string }) {
  const t = useT();
  const { nav } = useStores();
  return (
    <>
      {text ?? errorText(t, error)}
      {fixedInSettings(error) && (
        <>
          {' '}
          <button
            type="button"
            className="link"
            onClick={() => nav.getState().go('settings')}
            data-testid="error-open-settings"
          >
            {t('error.openSettings')}
          </button>
        </>
      )}
    </>
  );
}
