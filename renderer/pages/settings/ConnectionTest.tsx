// Settings' "Test connection": one signed account request (GET /api/seller-sync/v1/account) with the saved endpoint
// and AK/SK, answered in words — "Connected as <seller>" or why not (docs/marketplace-api.md "Errors").
import { useState } from 'react';
import type { ConnectionTest as Answer } from '../../../common/api/types';
import { useStores } from '../../stores/StoresContext';
import { useT } from '../../i18n/use-t';
import { failureReason } from '../../lib/failure-text';

export function ConnectionTest({ dirty }: { dirty: boolean }) {
  const t = useT();
  const { settings: store } = useStores();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);

  const test = async () => {
    setBusy(true);
    setAnswer(null);
    setError(null);
    const result = await store.getState().testConnection();
    setBusy(false);
    if (result.ok) setAnswer(result.value);
    else setError(result.error.message);
  };

  return (
    <div className="field connection-test">
      <div className="connection-test-row">
        <button
          type="button"
          className="btn"
          onClick={() => void test()}
          disabled={busy || dirty}
          data-testid="settings-test"
        >
          {busy ? t('settings.testing') : t('settings.test')}
        </button>
        {answer?.ok && (
          <span className="saved" role="status" data-testid="settings-test-result" data-ok="true">
            {t('settings.connectedAs', { name: answer.sellerName, id: answer.sellerId })}
          </span>
        )}
        {answer && !answer.ok && (
          <span
            className="field-error"
            role="alert"
            data-testid="settings-test-result"
            data-ok="false"
            title={answer.failure.message}
          >
            {t('settings.testFailed', { reason: failureReason(answer.failure, t) })}
          </span>
        )}
        {error && (
          <span className="field-error" role="alert" data-testid="settings-test-result" data-ok="false">
            {error}
          </span>
        )}
      </div>
      <span className="field-hint">{dirty ? t('settings.testSaveFirst') : t('settings.testHint')}</span>
    </div>
  );
}
