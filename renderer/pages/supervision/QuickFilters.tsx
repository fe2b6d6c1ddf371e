// Quick filters mapped to the contract's `quick`: one at a time, click again to drop it.
import { QUICK_FILTERS, type QuickFilter } from '../../../common/api/contract';
import { useOrders, useSettings, useStores } from '../../stores/StoresContext';
import { DEFAULT_WAITING_DAYS } from '../../stores/settings-store';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/en';

const LABELS: Record<QuickFilter, MessageKey> = {
  needs_action: 'quick.needs_action',
  awaiting_customer: 'quick.awaiting_customer',
  waiting_long: 'quick.waiting_long',
  appeal_open: 'quick.appeal_open',
};

const HINTS: Record<QuickFilter, MessageKey> = {
  needs_action: 'quick.needs_action.hint',
  awaiting_customer: 'quick.awaiting_customer.hint',
  waiting_long: 'quick.waiting_long.hint',
  appeal_open: 'quick.appeal_open.hint',
};

export function QuickFilters() {
  const t = useT();
  const { orders } = useStores();
  const quick = useOrders((s) => s.criteria.quick);
  const days = useSettings((s) => s.settings?.waitingThresholdDays ?? DEFAULT_WAITING_DAYS);
  return (
    <div className="quick-filters" role="group" aria-label={t('quick.label')}>
      {QUICK_FILTERS.map((q) => (
        <button
          key={q}
          type="button"
          className={quick === q ? 'chip active' : 'chip'}
          aria-pressed={quick === q}
          title={t(HINTS[q], { days })}
          data-testid={`quick-${q}`}
          onClick={() => orders.getState().setQuick(quick === q ? null : q)}
        >
          {t(LABELS[q], { days })}
        </button>
      ))}
    </div>
  );
}
