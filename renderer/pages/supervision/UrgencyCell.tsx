// S7: the urgency cell of a list row — days since the last move (orange past the S5 threshold, the same rule as
// "Waiting > N days"), who must move, "Appeal possible", a pending refund request (why "Needs my action" lists the
// line, S5c) and the 180-day flag (S5). Everything it says is in its title too, for a cell cut short.
import type { OrderRow } from '../../../common/api/types';
import { urgencyOf } from '../../../common/domain/urgency';
import { Icon } from '../../components/Icon';
import { useT } from '../../i18n/use-t';

interface Props {
  row: OrderRow;
  now: number;
  thresholdDays: number;
}

export function UrgencyCell({ row, now, thresholdDays }: Props) {
  const t = useT();
  const u = urgencyOf(row, now, thresholdDays);
  if (u === null) {
    return (
      <div className="cell c-urgency" role="gridcell" data-col="waiting">
        <span className="muted">—</span>
      </div>
    );
  }
  const side = t(`urgency.on.${u.waitingOn}`);
  const lines = [t(`urgency.on.${u.waitingOn}.hint`, { n: u.days })];
  if (u.action === 'refund_request') lines.push(t('urgency.refundRequest.hint'));
  if (u.appeal === 'silence') lines.push(t('urgency.appealPossible.silence', { days: thresholdDays }));
  if (u.appeal === 'rejections') lines.push(t('urgency.appealPossible.rejections'));
  if (u.long) lines.push(t('order.longUnaccepted'));
  return (
    <div
      className="cell c-urgency"
      role="gridcell"
      data-col="waiting"
      title={lines.join('\n')}
      data-waiting-on={u.waitingOn}
      data-overdue={u.overdue}
      data-appeal={u.appeal ?? undefined}
      data-action={u.action ?? undefined}
    >
      {u.long && (
        <span className="long-flag" data-testid="long-unaccepted">
          <Icon name="alert" size={13} />
        </span>
      )}
      <span className={u.overdue ? 'days overdue' : 'days'} data-testid="days-waiting">
        {t('table.days', { n: u.days })}
      </span>
      {u.appeal ? (
        <span className="urgency-chip danger" data-testid="appeal-possible">
          <Icon name="flag" size={11} />
          <span className="chip-text">{t('urgency.appealPossible')}</span>
        </span>
      ) : (
        <span className={`urgency-side on-${u.waitingOn}`} data-testid="waiting-on">
          {side}
        </span>
      )}
      {u.action === 'refund_request' && (
        <span className="urgency-chip warn" data-testid="refund-request">
          <Icon name="undo" size={11} />
          <span className="chip-text">{t('urgency.refundRequest')}</span>
        </span>
      )}
    </div>
  );
}
