// What a recovery saved and lost (main/db/recover.ts): per kind of data, then every lost draft and action by name.
import type { RecoveryReport } from '../../../common/api/contract-db';
import { isMessageKey } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatCount } from '../../lib/format';

export function RecoveryReportView({ report }: { report: RecoveryReport }) {
  const t = useT();
  const lang = useLanguage();
  const rows = report.tables.filter((x) => x.saved + x.fromBackup + x.lost > 0);
  const tableName = (table: string): string => {
    const key = `db.table.${table}`;
    return isMessageKey(key) ? t(key) : table;
  };
  const nothingLost = report.lostDrafts.length === 0 && report.lostActions.length === 0;
  return (
    <div className="recovery-report" data-testid="recovery-report">
      {report.damagedFile && <p>{t('db.report.damagedFile', { file: report.damagedFile })}</p>}
      {rows.length > 0 && (
        <table className="recovery-table">
          <thead>
            <tr>
              <th scope="col">{t('db.report.table')}</th>
              <th scope="col">{t('db.report.saved')}</th>
              <th scope="col">{t('db.report.fromBackup')}</th>
              <th scope="col">{t('db.report.lost')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.table}>
                <th scope="row">{tableName(r.table)}</th>
                <td>{formatCount(r.saved, lang)}</td>
                <td>{formatCount(r.fromBackup, lang)}</td>
                <td className={r.lost > 0 ? 'lost' : undefined}>{formatCount(r.lost, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nothingLost && <p data-testid="nothing-lost">{t('db.report.nothingLost')}</p>}
      {report.lostDrafts.length > 0 && (
        <>
          <h2>{t('db.report.lostDrafts')}</h2>
          <ul data-testid="lost-drafts">
            {report.lostDrafts.map((d) => (
              <li key={d.id}>
                <strong>{d.label ?? t('db.report.unnamed')}</strong> <code>{d.id}</code>
                {d.orderLineId && <> · {d.orderLineId}</>} — <span title={d.reason}>{t(`db.lost.${d.code}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {report.lostActions.length > 0 && (
        <>
          <h2>{t('db.report.lostActions')}</h2>
          <ul data-testid="lost-actions">
            {report.lostActions.map((a) => (
              <li key={a.id}>
                <strong>{a.kind ?? t('db.report.unnamed')}</strong> <code>{a.id}</code>
                {a.orderLineId && <> · {a.orderLineId}</>} — <span title={a.reason}>{t(`db.lost.${a.code}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {report.notes.map((n) => (
        <p key={`${n.code}-${n.draftId ?? ''}`} className="field-hint" title={n.message}>
          {t(`db.note.${n.code}`, { draft: n.draftId ?? '' })}
        </p>
      ))}
      <p>{t('db.report.repull', { n: report.orderLinesToRepull })}</p>
      <p className="field-hint">{t('db.report.file', { file: report.reportFile })}</p>
    </div>
  );
}
