// Coloured labels for a bill's status (B2) and an order line's billing state (B4).
import type { BillStatus, ReconciliationState } from '../../../common/api/contract-bills';
import { useT } from '../../i18n/use-t';

const STATUS_TONE: Record<BillStatus, string> = { PENDING_APPROVAL: 'action', APPROVED: 'info', PAID: 'good' };

export function BillStatusBadge({ status }: { status: BillStatus }) {
  const t = useT();
  return (
    <span className={`badge badge-${STATUS_TONE[status]}`} data-bill-status={status}>
      {t(`bills.status.${status}`)}
    </span>
  );
}

const STATE_TONE: Record<ReconciliationState, string> = { billed: 'good', unbilled: 'action', not_billable: 'muted' };

export function BillingStateBadge({ state }: { state: ReconciliationState }) {
  const t = useT();
  return (
    <span className={`badge badge-${STATE_TONE[state]}`} data-state={state}>
      {t(`bills.recon.state.${state}`)}
    </span>
  );
}
