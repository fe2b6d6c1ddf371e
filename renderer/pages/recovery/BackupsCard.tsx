// Settings → Backups (docs/architecture.md "Data"): the backups kept (date, size, why made), each one restorable —
// the current database is backed up first, closed, replaced and opened again — a backup now, and the recovery of a
// database that lists report damaged.
import { useEffect, useState } from 'react';
import type { DbBackup, RecoveryReport } from '../../../common/api/contract-db';
import { useStores } from '../../stores/StoresContext';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatBytes, formatDateTime } from '../../lib/format';
import { RecoveryReportView } from './RecoveryReportView';
import { reloadApp } from './db-status';

type Asking = { kind: 'restore'; backup: DbBackup } | { kind: 'recover' } | null;

export function BackupsCard() {
  const t = useT();
  const lang = useLanguage();
  const { api } = useStores();
  const [backups, setBackups] = useState<DbBackup[] | null>(null);
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [report, setReport] = useState<RecoveryReport | null>(null);

  const [version, setVersion] = useState(0);
  const load = (): void => setVersion((v) => v + 1);
  useEffect(() => {
    let live = true;
    void api['db:backups']({}).then((r) => {
      if (live && r.ok) setBackups(r.value);
    });
    return () => {
      live = false;
    };
  }, [api, version]);

  const backupNow = async (): Promise<void> => {
    setBusy(true);
    const r = await api['db:backup']({});
    setBusy(false);
    setMessage(
      r.ok
        ? { ok: true, text: t('db.backups.made', { size: formatBytes(r.value.bytes, lang) }) }
        : { ok: false, text: t('db.failed', { message: r.error.message }) },
    );
    load();
  };
  const confirm = async (): Promise<void> => {
    if (!asking) return;
    setBusy(true);
    setMessage(null);
    if (asking.kind === 'restore') {
      const r = await api['db:restore']({ name: asking.backup.name });
      if (r.ok) return reloadApp();
      setMessage({ ok: false, text: t('db.failed', { message: r.error.message }) });
    } else {
      const r = await api['db:recover']({});
      if (r.ok) setReport(r.value);
      else setMessage({ ok: false, text: t('db.failed', { message: r.error.message }) });
    }
    setBusy(false);
    setAsking(null);
  };

  return (
    <section className="card backups-card" data-testid="backups">
      <h2>{t('db.backups.title')}</h2>
      <p className="field-hint">{t('db.backups.sub')}</p>
      {report ? (
        <>
          <RecoveryReportView report={report} />
          <div className="recovery-actions">
            <button type="button" className="btn btn-primary" onClick={reloadApp}>
              {t('db.continue')}
            </button>
          </div>
        </>
      ) : backups && backups.length === 0 ? (
        <p className="notice">{t('db.backups.empty')}</p>
      ) : (
        backups && (
          <table className="recovery-table backups-table">
            <thead>
              <tr>
                <th scope="col">{t('db.backups.date')}</th>
                <th scope="col">{t('db.backups.size')}</th>
                <th scope="col">{t('db.backups.kind')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('db.backups.restore')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.name} data-testid="backup-row">
                  <td>
                    <time dateTime={new Date(b.createdAt).toISOString()}>{formatDateTime(b.createdAt, lang)}</time>
                  </td>
                  <td>{formatBytes(b.bytes, lang)}</td>
                  <td>{t(`db.reason.${b.reason}`)}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={busy}
                      onClick={() => setAsking({ kind: 'restore', backup: b })}
                    >
                      {t('db.backups.restore')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      )}
      {asking && (
        <div className="notice recovery-confirm" role="alertdialog" aria-live="assertive">
          <p>
            {asking.kind === 'restore'
              ? t('db.backups.confirm', { date: formatDateTime(asking.backup.createdAt, lang) })
              : t('db.backups.confirmRecover')}
          </p>
          <div className="recovery-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() => void confirm()}
              data-testid="confirm-db-action"
            >
              {busy
                ? asking.kind === 'restore'
                  ? t('db.restoring')
                  : t('db.recovering')
                : asking.kind === 'restore'
                  ? t('db.backups.restore')
                  : t('db.recover')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => setAsking(null)}>
              {t('db.backups.cancel')}
            </button>
          </div>
        </div>
      )}
      {!report && (
        <div className="recovery-actions">
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => void backupNow()}
            data-testid="backup-now"
          >
            {t('db.backups.backupNow')}
          </button>
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => setAsking({ kind: 'recover' })}
            data-testid="recover-db"
          >
            {t('db.recover')}
          </button>
          {message && (
            <span className={message.ok ? 'saved' : 'field-error'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </span>
          )}
        </div>
      )}
    </section>
  );
}
