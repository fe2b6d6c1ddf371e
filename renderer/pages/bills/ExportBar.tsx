// Exports (B5): the bill shown as CSV, XLSX or PDF, and the reconciliation's filtered lines as CSV. In the browser
// host the file is handed to the browser as a download; in Electron a save dialog chose where it went. A big export
// shows its progress (`bills:export-progress`: rows written of all).
import { BILL_EXPORT_FORMATS } from '../../../common/api/contract-bills';
import type { BillExportResult } from '../../../common/api/contract-bills';
import { useSettings, useStores } from '../../stores/StoresContext';
import { useBills } from '../../stores/use-bills';
import type { ExportJob, ExportScope } from '../../stores/bills-store';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatBytes } from '../../lib/format';
import { downloadBase64 } from '../proofs/download';
import { Icon } from '../../components/Icon';
import { percentOf, ProgressBar } from '../../components/ProgressBar';

/** Hands an export's bytes to the browser (browser host); Electron already wrote the file where the user chose. */
export function deliver(result: BillExportResult | null): void {
  if (result?.download)
    downloadBase64(result.download.fileName, result.download.contentType, result.download.dataBase64);
}

export function BillExportBar() {
  const t = useT();
  const { bills } = useStores();
  const job = useBills((s) => s.exports.bill);
  return (
    <div className="export-bar" data-testid="bill-export">
      <span className="muted small">{t('bills.export.label')}</span>
      {BILL_EXPORT_FORMATS.map((format) => (
        <button
          key={format}
          type="button"
          className="btn btn-small"
          disabled={job?.busy ?? false}
          onClick={async () => deliver(await bills.getState().exportBill(format))}
          title={t('bills.export.as', { format: format.toUpperCase() })}
          data-testid={`export-${format}`}
        >
          <Icon
            name={job?.busy && job.format === format ? 'sync' : 'download'}
            size={13}
            className={job?.busy && job.format === format ? 'spin' : undefined}
          />
          {format.toUpperCase()}
        </button>
      ))}
      <ExportStatus scope="bill" />
    </div>
  );
}

export function ExportStatus({ scope }: { scope: ExportScope }) {
  const t = useT();
  const lang = useLanguage();
  const job: ExportJob | null = useBills((s) => s.exports[scope]);
  const electron = useSettings((s) => s.info?.transport === 'electron');
  if (!job) return null;
  const format = job.format.toUpperCase();
  if (job.busy) {
    return (
      <div className="export-status" data-testid={`export-status-${scope}`} data-state="busy" role="status">
        <ProgressBar percent={percentOf(job.done, job.total)} label={t('bills.export.busy', { format })} />
        <span className="muted small">
          {job.total > 0
            ? t('bills.export.progress', { format, done: job.done, total: job.total })
            : t('bills.export.busy', { format })}
        </span>
      </div>
    );
  }
  if (job.error) {
    return (
      <div
        className="export-status danger small"
        data-testid={`export-status-${scope}`}
        data-state="failed"
        role="alert"
      >
        {t('bills.export.failed', { message: job.error.message })}
      </div>
    );
  }
  const r = job.result;
  if (!r || r.canceled || !r.path) return null;
  return (
    <div className="export-status small" data-testid={`export-status-${scope}`} data-state="done" role="status">
      <Icon name="check" size={13} />{' '}
      {r.download
        ? t('bills.export.downloaded', { name: r.fileName, size: formatBytes(r.bytes, lang) })
        : electron
          ? t('bills.export.saved', { path: r.path })
          : t('bills.export.tooBig', { path: r.path })}
    </div>
  );
}
