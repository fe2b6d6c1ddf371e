// The virtualized, sortable order table: only the rows in view are rendered and
// fetched (blocks around the visible range), so it stays smooth at 1,000,000 lines.
import { useCallback, useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDetail, useNow, useOrders, useSettings, useStores, useSync } from '../../stores/StoresContext';
import { DEFAULT_WAITING_DAYS } from '../../stores/settings-store';
import { queryKey } from '../../lib/order-criteria';
import { useLanguage, useT } from '../../i18n/use-t';
import { COLUMNS, MAX_ROWS, ROW_HEIGHT } from './columns';
import { OrderRowView } from './OrderRowView';
import { Icon } from '../../components/Icon';

const SKELETON_ROWS = 14;

export function OrderTable({ gridRef, inert }: { gridRef: RefObject<HTMLDivElement | null>; inert?: boolean }) {
  const t = useT();
  const lang = useLanguage();
  const { orders, detail } = useStores();
  const total = useOrders((s) => s.total);
  useOrders((s) => s.version); // re-render when rows arrive
  const sort = useOrders((s) => s.sort);
  const key = useOrders((s) => queryKey(s.query));
  const loading = useOrders((s) => s.loading);
  const listError = useOrders((s) => s.listError);
  const selectedIndex = useOrders((s) => s.selectedIndex);
  const selectedId = useOrders((s) => s.selectedId);
  const openId = useDetail((s) => s.orderLineId);
  const now = useNow();
  const threshold = useSettings((s) => s.settings?.waitingThresholdDays ?? DEFAULT_WAITING_DAYS);
  const cachedLines = useSync((s) => s.status?.cachedLines ?? null);
  const syncing = useSync((s) => s.status?.syncing ?? false);

  const scrollRef = useRef<HTMLDivElement>(null);
  const count = total === null ? SKELETON_ROWS : Math.min(total, MAX_ROWS);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is the chosen virtualizer; this app does not use the React Compiler
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const offset = virtualizer.scrollOffset ?? 0;
  const viewport = virtualizer.scrollRect?.height ?? 0;
  const first = items.length ? items[0].index : 0;
  const last = items.length ? items[items.length - 1].index : SKELETON_ROWS;

  useEffect(() => {
    orders.getState().ensureRange(first, last);
  }, [orders, first, last, key]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [key]);

  const openRow = useCallback(
    (index: number) => {
      const row = orders.getState().rowAt(index);
      if (row) void detail.getState().open(row.orderLineId);
    },
    [orders, detail],
  );

  const onRowClick = useCallback(
    (index: number) => {
      orders.getState().select(index);
      openRow(index);
      gridRef.current?.focus({ preventScroll: true });
    },
    [orders, openRow, gridRef],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys on the sort buttons or the empty state's button are theirs, not the grid's.
    if (e.target !== e.currentTarget || total === null || total === 0) return;
    const max = Math.min(total, MAX_ROWS) - 1;
    const current = selectedIndex ?? -1;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    let next: number | null = null;
    if (e.key === 'ArrowDown') next = Math.min(max, current + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, current - 1);
    else if (e.key === 'PageDown') next = Math.min(max, current + page);
    else if (e.key === 'PageUp') next = Math.max(0, current - page);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = max;
    else if (e.key === 'Enter' && current >= 0) {
      e.preventDefault();
      openRow(current);
      return;
    }
    if (next === null) return;
    e.preventDefault();
    orders.getState().select(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    // With the detail open, it follows the selection (like a mail client's reading pane).
    if (detail.getState().orderLineId) openRow(next);
  };

  const empty = total === 0;
  return (
    <div
      className={loading && total !== null ? 'table-wrap refreshing' : 'table-wrap'}
      role="grid"
      tabIndex={0}
      aria-label={t('table.label')}
      aria-rowcount={total === null ? -1 : total + 1}
      aria-activedescendant={selectedIndex !== null ? `order-row-${selectedIndex}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="order-grid"
      ref={gridRef}
      inert={inert}
    >
      {total !== null && total > MAX_ROWS && (
        <div className="notice" role="note">
          {t('table.capped', { n: MAX_ROWS })}
        </div>
      )}
      <div className="grid-header" role="rowgroup">
        <div className="grid-row header" role="row" aria-rowindex={1}>
          {COLUMNS.map((c) => {
            const active = sort.field === c.sort;
            return (
              <div
                key={c.id}
                role="columnheader"
                className={c.numeric ? 'cell num' : 'cell'}
                data-col={c.id}
                aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <button type="button" className={active ? 'sort active' : 'sort'} onClick={() => orders.getState().sortBy(c.sort)} data-testid={`sort-${c.id}`}>
                  {t(c.label)}
                  <span className="sort-arrow" aria-hidden="true">
                    {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div ref={scrollRef} className="grid-body" role="rowgroup">
        {/*
          Rows live in a sticky, viewport-sized layer and are placed relative to the scroll offset, so
          they are drawn at small coordinates: at 1,000,000 lines the scrolled content is 32,000,000 px
          tall, where Chromium's float raster positions lose whole pixels (borders vanish, text tears).
          The spacer below only gives the scrollbar its length.
        */}
        <div className="grid-window" style={{ height: viewport, marginBottom: -viewport }}>
          {!empty &&
            items.map((item) => {
              const row = total === null ? undefined : orders.getState().rowAt(item.index);
              return (
                <OrderRowView
                  key={item.index}
                  index={item.index}
                  row={row}
                  start={item.start - offset}
                  selected={row !== undefined && row.orderLineId === selectedId}
                  open={row !== undefined && row.orderLineId === openId}
                  now={now}
                  lang={lang}
                  thresholdDays={threshold}
                  onClick={onRowClick}
                />
              );
            })}
        </div>
        <div className="grid-spacer" style={{ height: virtualizer.getTotalSize() }} />
        {empty && <EmptyState filtered={cachedLines !== 0} syncing={syncing} />}
        {listError && listError.code !== 'validation' && total === null && (
          <div className="empty">
            <Icon name="cloudOff" size={28} />
            <p>{t('table.unavailable')}</p>
          </div>
        )}
      </div>
    </div>
  );
}

function EmptyState({ filtered, syncing }: { filtered: boolean; syncing: boolean }) {
  const t = useT();
  const { orders } = useStores();
  return (
    <div className="empty" data-testid="empty-state">
      <Icon name="search" size={28} />
      {filtered ? (
        <>
          <p>{t('table.noMatch')}</p>
          <button type="button" className="btn" onClick={() => orders.getState().clear()}>
            {t('search.clear')}
          </button>
        </>
      ) : (
        <p>{syncing ? t('table.firstSync') : t('table.noOrders')}</p>
      )}
    </div>
  );
}
