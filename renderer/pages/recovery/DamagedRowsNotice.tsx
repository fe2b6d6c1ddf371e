// A list skipped stored rows whose JSON no longer parses (docs/architecture.md "Data", main/db/row-problems.ts): the
// window says which, instead of showing half a row or nothing at all, and where to recover them.
import { useLanguage, useT } from '../../i18n/use-t';
import { isMessageKey } from '../../i18n/translate';
import { useDbStatus } from './db-status';

const SHOWN = 5;

export function DamagedRowsNotice() {
  const t = useT();
  useLanguage();
  const rows = useDbStatus().status?.rowProblems ?? [];
  if (rows.length === 0) return null;
  const table = (name: string): string => {
    const key = `db.table.${name === 'order_line_raw' ? 'order_lines' : name}`;
    return isMessageKey(key) ? t(key) : name;
  };
  const named = rows.slice(0, SHOWN).map((r) => `${table(r.table)} ${r.id}`);
  const list = rows.length > SHOWN ? `${named.join(', ')}, …` : named.join(', ');
  return (
    <div className="notice notice-error banner" role="alert" data-testid="damaged-rows">
      {t('db.rows.notice', { n: rows.length, rows: list })} {t('db.rows.hint')}
    </div>
  );
}
