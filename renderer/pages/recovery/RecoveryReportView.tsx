// What a recovery saved and lost (main/profile/recover.ts): per kind of data, then every lost draft and action by name.
import type { LostReasonCode, RecoveryReport } from '../../../common/api/contract-db';
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
      <LostList
        heading={t('db.report.lostDrafts')}
        testId="lost-drafts"
        items={report.lostDrafts.map((d) => ({ ...d, name: d.label }))}
      />
      <LostList
        heading={t('db.report.lostActions')}
        testId="lost-actions"
        items={report.lostActions.map((a) => ({ ...a, name: a.kind }))}
      />
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

interface LostItem {
  id: string;
  /** A draft's label, an action's kind. */
  name: string | null;
  orderLineId: string | null;
  code: LostReasonCode;
  reason: string;
}

/** The lost drafts or the lost actions, each by name, id and order line, with why; nothing when there are none. */
function LostList({ heading, testId, items }: { heading: string; testId: string; items: LostItem[] }) {
  const t = useT();
  if (items.length === 0) return null;
  return (
    <>
      <h2>{heading}</h2>
      <ul data-testid={testId}>
        {items.map((x) => (
          <li key={x.id}>
            <strong>{x.name ?? t('db.report.unnamed')}</strong> <code>{x.id}</code>
            {x.orderLineId && <> · {x.orderLineId}</>} — <span title={x.reason}>{t(`db.lost.${x.code}`)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
