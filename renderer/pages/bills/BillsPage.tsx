// The Bills page (docs/rules.md B1–B5): the archived bills by period and currency with the monthly chart, one bill in
// detail (its lines checked against B2a, the B3 refund split, the revisions and what changed, exports), and the
// reconciliation of every order line (B4). Live: `bills:changed` reloads it.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useStores } from '../../stores/StoresContext';
import { useBills } from '../../stores/use-bills';
import type { BillsTab } from '../../stores/bills-store';
import { useT } from '../../i18n/use-t';
import { Icon } from '../../components/Icon';
import { MonthlyChart } from './MonthlyChart';
import { BillList } from './BillList';
import { BillDetailView } from './BillDetailView';
import { ReconciliationView } from './ReconciliationView';
import './bills.css';

const TABS: readonly BillsTab[] = ['bills', 'reconciliation'];

export function BillsPage() {
  const t = useT();
  const { bills } = useStores();
  const tab = useBills((s) => s.tab);
  const list = useBills((s) => s.list);
  const selected = useBills((s) => s.selected);
  const tabRefs = useRef<Record<BillsTab, HTMLButtonElement | null>>({ bills: null, reconciliation: null });

  useEffect(() => {
    void bills.getState().load();
  }, [bills]);

  // WAI-ARIA tabs: arrows move between them.
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const next = TABS[(TABS.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    bills.getState().setTab(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <div className="page bills-page" data-testid="bills-page">
      <header className="page-header">
        <div>
          <h1>{t('bills.title')}</h1>
          <p className="page-sub" data-testid="bills-count" aria-live="polite">
            {list === null ? t('bills.loading') : t('bills.sub', { n: list.length })}
          </p>
        </div>
      </header>
      <div className="tabs" role="tablist" aria-label={t('bills.tabs')} onKeyDown={onTabKey}>
        {TABS.map((id) => (
          <button
            key={id}
            ref={(el) => {
              tabRefs.current[id] = el;
            }}
            type="button"
            role="tab"
            id={`bills-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`bills-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className={tab === id ? 'tab active' : 'tab'}
            onClick={() => bills.getState().setTab(id)}
            data-testid={`bills-tab-${id}`}
          >
            <Icon name={id === 'bills' ? 'bill' : 'check'} size={15} />
            {t(`bills.tab.${id}`)}
          </button>
        ))}
      </div>
      <div className="bills-panel" role="tabpanel" id={`bills-panel-${tab}`} aria-labelledby={`bills-tab-${tab}`}>
        {tab === 'reconciliation' ? <ReconciliationView /> : selected ? <BillDetailView /> : <BillsOverview />}
      </div>
    </div>
  );
}

function BillsOverview() {
  const t = useT();
  const { bills } = useStores();
  const list = useBills((s) => s.list);
  const listError = useBills((s) => s.listError);
  const monthly = useBills((s) => s.monthly);
  const currency = useBills((s) => s.currency);
  const open = (billId: string) => void bills.getState().openBill(billId);
  const openMonth = (period: string, cur: string) => {
    const bill = list?.find((b) => b.billingPeriod === period && b.currency === cur);
    if (bill) open(bill.billId);
  };
  return (
    <div className="bills-overview">
      {monthly && <MonthlyChart monthly={monthly} onOpenMonth={openMonth} />}
      <div className="bills-toolbar">
        <div className="quick-filters" role="radiogroup" aria-label={t('bills.currency')}>
          {[null, 'CNY', 'USD'].map((c) => (
            <button
              key={c ?? 'all'}
              type="button"
              role="radio"
              aria-checked={currency === c}
              className={currency === c ? 'chip active' : 'chip'}
              onClick={() => bills.getState().setCurrency(c)}
              data-testid={`bills-currency-${c ?? 'all'}`}
            >
              {c ?? t('bills.allCurrencies')}
            </button>
          ))}
        </div>
      </div>
      {listError && (
        <div className="notice notice-error" role="alert">
          {t('bills.loadFailed')} {listError.message}
        </div>
      )}
      {list === null ? (
        <div className="empty">{t('bills.loading')}</div>
      ) : list.length === 0 ? (
        <div className="empty" data-testid="bills-empty">
          <Icon name="bill" size={28} />
          <p>{t('bills.empty')}</p>
        </div>
      ) : (
        <BillList bills={list} onOpen={open} />
      )}
    </div>
  );
}
