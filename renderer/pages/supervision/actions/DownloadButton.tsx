// Download / open one of the order's attachments, e.g. the customer's request documents. Main
// fetches it once into the attachment store (checked against its SHA-256); Electron then opens it with the system
// viewer, the browser host hands it to the browser as a download from its token-protected /api/files route.
import { useState } from 'react';
import { useSettings, useStores } from '../../../stores/StoresContext';
import { TOKEN_STORAGE_KEY } from '../../../bridge/host-shim';
import { useT } from '../../../i18n/use-t';
import { Icon } from '../../../components/Icon';
import { actionErrorText } from './action-errors';
import { ErrorText } from '../../../components/ErrorText';
import type { ApiError } from '../../../../common/api/result';

function saveFromHost(sha256: string, fileName: string): void {
  const token = window.sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
  const a = document.createElement('a');
  a.href = `/api/files/${sha256}?token=${encodeURIComponent(token)}&name=${encodeURIComponent(fileName)}`;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function DownloadButton({
  orderLineId,
  attachmentId,
  fileName,
}: {
  orderLineId: string;
  attachmentId: string;
  fileName: string;
}) {
  const t = useT();
  const { api } = useStores();
  const electron = useSettings((s) => s.info?.transport === 'electron');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; cause: ApiError } | null>(null);
  const label = electron ? t('download.open') : t('download.action');
  const run = async () => {
    setBusy(true);
    setError(null);
    const r = await api['attachments:download']({ orderLineId, attachmentId });
    setBusy(false);
    if (!r.ok)
      return setError({
        text: t('download.failed', { name: fileName, message: actionErrorText(t, r.error) }),
        cause: r.error,
      });
    if (!r.value.opened) saveFromHost(r.value.sha256, fileName);
  };
  return (
    <>
      <button
        type="button"
        className="icon-btn small-icon-btn"
        onClick={() => void run()}
        disabled={busy}
        aria-label={`${busy ? t('download.busy') : label}: ${fileName}`}
        title={busy ? t('download.busy') : label}
        data-testid="attachment-download"
      >
        <Icon name={busy ? 'sync' : 'download'} size={15} className={busy ? 'spin' : undefined} />
      </button>
      {error && (
        <span className="field-error attachment-error" role="alert">
          <ErrorText error={error.cause} text={error.text} />
        </span>
      )}
    </>
  );
}
