// "Import order by id": the Open API order query, stored in the same cache, marked imported.
import { useEffect, useId, useRef, useState } from 'react';
import { useStores } from '../../stores/StoresContext';
import { fieldErrors } from '../../lib/field-errors';
import { issueText } from '../../lib/issue-text';
import { errorText, fixedInSettings } from '../../lib/error-text';
import { ErrorText } from '../../components/ErrorText';
import type { ApiError } from '../../../common/api/result';
import { useT } from '../../i18n/use-t';
import { Icon } from '../../components/Icon';

export function ImportOrderDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const id = useId();
  const { api, orders, detail } = useStores();
  const ref = useRef<HTMLDialogElement>(null);
  const [orderId, setOrderId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Not connected yet: the message comes with a way to Settings.
  const [unconfigured, setUnconfigured] = useState<ApiError | null>(null);

  // Mounted only while open: fresh state each time, and the native modal gives focus trapping and Esc.
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const submit = async () => {
    if (!orderId.trim()) {
      setError(t('import.required'));
      return;
    }
    setBusy(true);
    setError(null);
    setUnconfigured(null);
    const result = await api['orders:import']({ orderId: orderId.trim() });
    setBusy(false);
    if (!result.ok) {
      const byField = fieldErrors(result.error);
      setUnconfigured(fixedInSettings(result.error) ? result.error : null);
      setError(
        result.error.code === 'offline'
          ? t('import.offline')
          : result.error.code === 'not_found'
            ? t('import.notFound', { id: orderId.trim() })
            : (issueText(byField.orderId, t) ?? errorText(t, result.error)),
      );
      return;
    }
    orders.getState().refresh();
    const first = result.value.orderLineIds[0];
    if (first) void detail.getState().open(first);
    onClose();
  };

  return (
    <dialog ref={ref} className="dialog" onClose={onClose} aria-labelledby={`${id}-title`} data-testid="import-dialog">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <header className="dialog-header">
          <h2 id={`${id}-title`}>{t('import.title')}</h2>
          <button type="button" className="icon-btn" onClick={onClose} aria-label={t('dialog.close')}>
            <Icon name="close" size={18} />
          </button>
        </header>
        <p className="muted">{t('import.help')}</p>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-input`}>
            {t('import.orderId')}
          </label>
          <input
            id={`${id}-input`}
            className={error ? 'input invalid' : 'input'}
            value={orderId}
            onChange={(e) => setOrderId(e.target.value)}
            placeholder="CS2504011200ABCDE"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            data-testid="import-order-id"
          />
          {error && (
            <span className="field-error" id={`${id}-error`} role="alert">
              {unconfigured ? <ErrorText error={unconfigured} text={error} /> : error}
            </span>
          )}
        </div>
        <footer className="dialog-footer">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="import-submit">
            {busy ? t('import.importing') : t('import.submit')}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
