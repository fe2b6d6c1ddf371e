// The Service Supervision page: search, quick filters, the virtualized table, the detail panel.
import { useEffect, useRef, useState } from 'react';
import { useDetail, useOrders } from '../../stores/StoresContext';
import { useT } from '../../i18n/use-t';
import { Icon } from '../../components/Icon';
import { SearchPanel } from './SearchPanel';
import { OrderTable } from './OrderTable';
import { DetailPanel } from './DetailPanel';
import { ImportOrderDialog } from './ImportOrderDialog';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function SupervisionPage() {
  const t = useT();
  const total = useOrders((s) => s.total);
  const loading = useOrders((s) => s.loading);
  const detailOpen = useDetail((s) => s.orderLineId !== null);
  const searchRef = useRef<HTMLInputElement>(null);
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

  return (
    <div className="page supervision">
      <header className="page-header">
        <div>
          <h1>{t('nav.supervision')}</h1>
          <p className="page-sub" data-testid="result-count" aria-live="polite">
            {total === null ? t('table.loading') : t('table.count', { n: total })}
            {loading && total !== null && <span className="muted"> · {t('table.updating')}</span>}
          </p>
        </div>
        <button type="button" className="btn" onClick={() => setImporting(true)} data-testid="import-open">
          <Icon name="download" size={15} />
          {t('import.open')}
        </button>
      </header>
      <SearchPanel searchRef={searchRef} />
      <div className={detailOpen ? 'workspace with-detail' : 'workspace'}>
        <OrderTable />
        {detailOpen && <DetailPanel />}
      </div>
      {importing && <ImportOrderDialog onClose={() => setImporting(false)} />}
    </div>
  );
}
