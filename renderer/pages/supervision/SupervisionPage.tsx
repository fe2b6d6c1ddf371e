// The Service Supervision page: search, quick filters, the virtualized table, the detail panel.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useDetail, useOrders, useStores } from '../../stores/StoresContext';
import { useT } from '../../i18n/use-t';
import { Icon } from '../../components/Icon';
import { SearchPanel } from './SearchPanel';
import { OrderTable } from './OrderTable';
import { DetailPanel } from './DetailPanel';
import { ImportOrderDialog } from './ImportOrderDialog';
import { TableToolbar } from './TableToolbar';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** Below this width the detail panel overlays the table (styles.css uses the same breakpoint). */
export const SIDE_BY_SIDE_QUERY = '(min-width: 1200px)';

function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    () => window.matchMedia(query).matches,
  );
}

export function SupervisionPage() {
  const t = useT();
  const total = useOrders((s) => s.total);
  const totalEstimated = useOrders((s) => s.totalEstimated);
  const loading = useOrders((s) => s.loading);
  const detailOpen = useDetail((s) => s.orderLineId !== null);
  const { orders } = useStores();
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const sideBySide = useMedia(SIDE_BY_SIDE_QUERY);
  // The panel covers the table only on narrow windows: then the covered table is inert (not focusable, not clickable).
  const tableCovered = detailOpen && !sideBySide;
  const [importing, setImporting] = useState(false);

  // `/` focuses the search from anywhere on the page (not while typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      e.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // ↓ in a search field: search now and move into the list, highlighting its first line (Enter then opens it).
  const toList = useCallback(() => {
    orders.getState().applyNow();
    gridRef.current?.focus();
    const pick = () => {
      const s = orders.getState();
      if (s.selectedIndex === null && (s.total ?? 0) > 0) s.select(0);
    };
    if (!orders.getState().loading) {
      pick();
      return;
    }
    const off = orders.subscribe((s) => {
      if (s.loading) return;
      off();
      pick();
    });
  }, [orders]);

  return (
    <div className="page supervision">
      <header className="page-header">
        <div>
          <h1>{t('nav.supervision')}</h1>
          <p className="page-sub" data-testid="result-count" aria-live="polite">
            {total === null ? t('table.loading') : t(totalEstimated ? 'table.countAbout' : 'table.count', { n: total })}
            {total !== null && totalEstimated && (
              <>
                {' · '}
                <button
                  type="button"
                  className="link"
                  onClick={() => orders.getState().countExactly()}
                  data-testid="count-exactly"
                >
                  {t('table.countExactly')}
                </button>
              </>
            )}
            {loading && total !== null && <span className="muted"> · {t('table.updating')}</span>}
          </p>
        </div>
        <div className="page-actions">
          <TableToolbar />
          <button type="button" className="btn" onClick={() => setImporting(true)} data-testid="import-open">
            <Icon name="download" size={15} />
            {t('import.open')}
          </button>
        </div>
      </header>
      <SearchPanel searchRef={searchRef} onArrowDown={toList} />
      <div className={detailOpen ? 'workspace with-detail' : 'workspace'}>
        <OrderTable gridRef={gridRef} inert={tableCovered} />
        {detailOpen && <DetailPanel />}
      </div>
      {importing && <ImportOrderDialog onClose={() => setImporting(false)} />}
    </div>
  );
}
