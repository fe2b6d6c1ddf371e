// The virtualized, sortable order table: only the rows in view are rendered and
// fetched (blocks around the visible range), so it stays smooth at 1,000,000 lines.
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type PointerEvent,
  type RefObject,
} from 'react';
import { useDetail, useNow, useOrders, useSettings, useStores, useSync } from '../../stores/StoresContext';
import { DEFAULT_WAITING_DAYS } from '../../stores/settings-store';
import { queryKey } from '../../lib/order-criteria';
import { useLanguage, useT } from '../../i18n/use-t';
import { columnTitle, COLUMNS, MAX_ROWS, ROW_HEIGHT } from './columns';
import { zoneLabel } from '../../lib/format';
import { OrderRowView } from './OrderRowView';
import { Icon } from '../../components/Icon';
import { gridTemplate, isCustomized, RESIZE_STEP, setWidth, splitTracks } from '../../lib/table-columns';
import { highlightTerms } from '../../lib/highlight';
import { HighlightContext } from './Highlighted';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from '../../../common/api/contract';
import { useTableLayout } from './use-table-layout';
import { useRowWindow } from './use-row-window';

const SKELETON_ROWS = 14;
/**
 * Beside an open detail panel below this width styles.css gives the table its own compact key columns
 * (`.workspace.with-detail` --cols); the user's widths and hidden columns apply to the full table.
 */
const COMPACT_WITH_DETAIL = '(max-width: 1899px)';

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

/** The default track of every column, in COLUMNS order, as styles.css sizes them (:root --cols). */
function defaultTracks(): string[] {
  return splitTracks(getComputedStyle(document.documentElement).getPropertyValue('--cols'));
}

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
  // O4: list times are in the user's zone; the header says which.
  const zone = zoneLabel(now);
  const threshold = useSettings((s) => s.settings?.waitingThresholdDays ?? DEFAULT_WAITING_DAYS);
  const cachedLines = useSync((s) => s.status?.cachedLines ?? null);
  const syncing = useSync((s) => s.status?.syncing ?? false);
  const query = useOrders((s) => s.query);
  const terms = useMemo(() => highlightTerms(query), [query]);

  const { layout: savedLayout, save: saveLayout } = useTableLayout();
  // While a header edge is dragged, the width follows the pointer; it is saved when the button is released.
  const [drag, setDrag] = useState<{ id: string; px: number } | null>(null);
  const layout = drag ? setWidth(savedLayout, drag.id, drag.px) : savedLayout;
  const compact = useMedia(COMPACT_WITH_DETAIL) && openId !== null;
  const [tracks] = useState(defaultTracks);
  const custom = !compact && isCustomized(layout);
  const template = custom ? gridTemplate(COLUMNS, layout, tracks) : null;
  const hiddenCss = custom
    ? layout.hidden.map((id) => `[data-testid='order-grid'] [data-col='${id}'] { display: none; }`).join('\n')
    : '';

  // The user's tracks override styles.css's --cols on this table only (and not in the compact layout).
  useLayoutEffect(() => {
    const grid = gridRef.current;
    if (!grid) return;
    if (template) grid.style.setProperty('--cols', template);
    else grid.style.removeProperty('--cols');
  }, [gridRef, template]);

  const startResize = (id: string, e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const startX = e.clientX;
    const startWidth = handle.parentElement?.getBoundingClientRect().width ?? 100;
    let px = startWidth;
    const move = (ev: globalThis.PointerEvent) => {
      px = startWidth + ev.clientX - startX;
      setDrag({ id, px });
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      setDrag(null);
      if (px !== startWidth) saveLayout(setWidth(savedLayout, id, px));
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };

  // Each column's drawn width, for the resize handles' aria-valuenow (a screen reader hears the width it changes).
  const headerRef = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState<Record<string, number>>({});
  useEffect(() => {
    const row = headerRef.current;
    if (!row || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const next: Record<string, number> = {};
      for (const cell of row.querySelectorAll<HTMLElement>('[data-col]'))
        next[cell.dataset.col ?? ''] = Math.round(cell.getBoundingClientRect().width);
      setDrawn((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
    };
    const observer = new ResizeObserver(measure);
    for (const cell of row.children) observer.observe(cell);
    return () => observer.disconnect();
  }, []);

  const resizeByKey = (id: string, e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const current = layout.widths[id] ?? e.currentTarget.parentElement?.getBoundingClientRect().width ?? 100;
    saveLayout(setWidth(savedLayout, id, current + (e.key === 'ArrowRight' ? RESIZE_STEP : -RESIZE_STEP)));
  };

  const scrollRef = useRef<HTMLDivElement>(null);
  const count = total === null ? SKELETON_ROWS : Math.min(total, MAX_ROWS);
  const rowWindow = useRowWindow(scrollRef, count, ROW_HEIGHT, 10);
  const items = rowWindow.rows;
  const offset = rowWindow.offset;
  const viewport = rowWindow.viewport;
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
    rowWindow.scrollToIndex(next);
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
      {hiddenCss && <style>{hiddenCss}</style>}
      {total !== null && total > MAX_ROWS && (
        <div className="notice" role="note">
          {t('table.capped', { n: MAX_ROWS })}
        </div>
      )}
      <div className="grid-header" role="rowgroup">
        <div className="grid-row header" role="row" aria-rowindex={1} ref={headerRef}>
          {COLUMNS.map((c) => {
            const active = c.sort !== null && sort.field === c.sort;
            const field = c.sort;
            const title = columnTitle(c, t, zone);
            return (
              <div
                key={c.id}
                role="columnheader"
                className={c.numeric ? 'cell num' : 'cell'}
                data-col={c.id}
                aria-sort={
                  field === null ? undefined : active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'
                }
              >
                {field === null ? (
                  <span className="sort static">{title}</span>
                ) : (
                  <button
                    type="button"
                    className={active ? 'sort active' : 'sort'}
                    onClick={() => orders.getState().sortBy(field)}
                    data-testid={`sort-${c.id}`}
                  >
                    {title}
                    <span className="sort-arrow" aria-hidden="true">
                      {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                )}
                {!compact && (
                  <div
                    className="col-resize"
                    role="separator"
                    aria-orientation="vertical"
                    aria-label={t('columns.resize', { column: t(c.label) })}
                    aria-valuenow={layout.widths[c.id] ?? drawn[c.id] ?? MIN_COLUMN_WIDTH}
                    aria-valuemin={MIN_COLUMN_WIDTH}
                    aria-valuemax={MAX_COLUMN_WIDTH}
                    tabIndex={0}
                    data-testid={`resize-${c.id}`}
                    onPointerDown={(e) => startResize(c.id, e)}
                    onKeyDown={(e) => resizeByKey(c.id, e)}
                  />
                )}
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
        <HighlightContext.Provider value={terms}>
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
        </HighlightContext.Provider>
        <div className="grid-spacer" style={{ height: rowWindow.totalSize }} />
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
