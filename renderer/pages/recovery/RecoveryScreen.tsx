// The recovery screen (docs/architecture.md "Data"): what is wrong with the local database, and the two ways out —
// put back the latest backup (then the app opens on it), or recover what can still be read (then the report: what was
// saved, what was lost, by name). Shown instead of the app; nothing was replaced before the user chooses.
import { useEffect, useState } from 'react';
import type { DbStatus, RecoveryReport } from '../../../common/api/contract-db';
import { useStores } from '../../stores/StoresContext';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatBytes, formatDateTime } from '../../lib/format';
import { RecoveryReportView } from './RecoveryReportView';
import { reloadApp } from './db-status';

type Busy = 'restore' | 'recover' | null;

export function RecoveryScreen({ status }: { status: DbStatus }) {
  const t = useT();
  const lang = useLanguage();
  const { api } = useStores();
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<RecoveryReport | null>(null);
  const latest = status.backups[0] ?? null;
  // Shown instead of the app, whose shell would set these: screen readers read the page in its own language.
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.name');
  }, [lang, t]);

  const restore = async (): Promise<void> => {
    setBusy('restore');
    setError(null);
    const r = await api['db:restore']({});
    if (!r.ok) {
      setBusy(null);
      setError(r.error.message);
      return;
    }
    reloadApp();
  };
  const recover = async (): Promise<void> => {
    setBusy('recover');
    setError(null);
    const r = await api['db:recover']({});
    setBusy(null);
    if (!r.ok) setError(r.error.message);
    else setReport(r.value);
  };

  return (
    <main className="recovery-screen" data-testid="recovery-screen">
      <section className="card recovery-card" aria-labelledby="recovery-title">
        <h1 id="recovery-title">{report ? t('db.recovered') : t('db.recovery.title')}</h1>
        {report ? (
          <>
            <RecoveryReportView report={report} />
            <div className="recovery-actions">
              <button type="button" className="btn btn-primary" onClick={reloadApp} data-testid="recovery-continue">
                {t('db.continue')}
              </button>
            </div>
          </>
        ) : (
          <>
            <p className="page-sub">{t('db.recovery.sub')}</p>
            <p
              className="notice notice-error"
              role="alert"
              data-testid="recovery-problem"
              data-kind={status.problem?.kind}
            >
              {status.problem ? t(`db.problem.${status.problem.kind}`) : t('db.problem.check_failed')}
            </p>
            {status.problem && (
              <details className="recovery-details">
                <summary>{t('db.details')}</summary>
                <code>{status.problem.message}</code>
              </details>
            )}
            <div className="recovery-choice">
              <div>
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={!latest || busy !== null}
                  onClick={() => void restore()}
                  data-testid="restore-latest"
                >
                  {busy === 'restore' ? t('db.restoring') : t('db.restoreLatest')}
                </button>
                <p className="field-hint">
                  {latest
                    ? t('db.restoreLatestHint', {
                        date: formatDateTime(latest.createdAt, lang),
                        size: formatBytes(latest.bytes, lang),
                      })
                    : t('db.noBackup')}
                </p>
              </div>
              <div>
                <button
                  type="button"
                  className="btn"
                  disabled={busy !== null}
                  onClick={() => void recover()}
                  data-testid="recover"
                >
                  {busy === 'recover' ? t('db.recovering') : t('db.recover')}
                </button>
                <p className="field-hint">{t('db.recoverHint')}</p>
              </div>
            </div>
            {error && (
              <p className="field-error" role="alert" data-testid="recovery-error">
                {t('db.failed', { message: error })}
              </p>
            )}
          </>
        )}
      </section>
    </main>
  );
}
