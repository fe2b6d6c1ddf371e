// Quick filters mapped to the contract's `quick`: one at a time, click again to drop it. Beside them, the
// "Most urgent first" sort (S7), on or off like a filter. All five are one toolbar with a roving tabindex (WAI-ARIA
// toolbar pattern): one Tab stop from the search box to the list, ← → Home End between them, Space/Enter toggles.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { QUICK_FILTERS, type QuickFilter } from '../../../common/api/contract';
import { useOrders, useSettings, useStores } from '../../stores/StoresContext';
import { DEFAULT_SORT, type Sort } from '../../lib/order-criteria';
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
  const id = useId();
  const { orders } = useStores();
  const quick = useOrders((s) => s.criteria.quick);
  const days = useSettings((s) => s.settings?.waitingThresholdDays ?? DEFAULT_WAITING_DAYS);
  const sort = useOrders((s) => s.sort);
  const urgentFirst = sort.field === URGENT_FIRST.field && sort.dir === URGENT_FIRST.dir;
  const toolbar = useRef<HTMLDivElement>(null);
  // The one button Tab lands on: the last one used, else the active filter, else the first.
  const [focused, setFocused] = useState<number | null>(null);
  const current = focused ?? (quick === null ? 0 : QUICK_FILTERS.indexOf(quick));
  const stop = (i: number) => (i === current ? 0 : -1);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(toolbar.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const last = buttons.length - 1;
    const next =
      e.key === 'ArrowRight'
        ? at === last
          ? 0
          : at + 1
        : e.key === 'ArrowLeft'
          ? at === 0
            ? last
            : at - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    if (next === null) return;
    e.preventDefault();
    buttons[next]?.focus();
  };

  return (
    <div
      className="quick-row"
      role="toolbar"
      aria-label={t('quick.toolbar')}
      aria-describedby={`${id}-hint`}
      ref={toolbar}
      onKeyDown={onKeyDown}
      data-testid="quick-toolbar"
    >
      <span id={`${id}-hint`} className="visually-hidden">
        {t('quick.toolbar.hint')}
      </span>
      <div className="quick-filters" role="group" aria-label={t('quick.label')}>
        {QUICK_FILTERS.map((q, i) => (
          <button
            key={q}
            type="button"
            className={quick === q ? 'chip active' : 'chip'}
            aria-pressed={quick === q}
            title={t(HINTS[q], { days })}
            tabIndex={stop(i)}
            data-testid={`quick-${q}`}
            onFocus={() => setFocused(i)}
            onClick={() => orders.getState().setQuick(quick === q ? null : q)}
          >
            {t(LABELS[q], { days })}
          </button>
        ))}
      </div>
      <button
        type="button"
        className={urgentFirst ? 'chip chip-sort active' : 'chip chip-sort'}
        aria-pressed={urgentFirst}
        title={t('urgency.sort.hint')}
        tabIndex={stop(QUICK_FILTERS.length)}
        data-testid="sort-urgent-first"
        onFocus={() => setFocused(QUICK_FILTERS.length)}
        onClick={() => orders.getState().setSort(urgentFirst ? DEFAULT_SORT : URGENT_FIRST)}
      >
        {t('urgency.sort')}
      </button>
    </div>
  );
}

/** S7: "Most urgent first" = the urgency sort, most urgent (desc) first. */
const URGENT_FIRST: Sort = { field: 'urgency', dir: 'desc' };
