// The order table's window of rows. Every row is one fixed height, so the rows in view follow from the scroll offset
// by arithmetic, whatever the count. (A general virtualizer keeps a position per row: at 1,000,000 lines it walked a
// million entries whenever the count changed — ~100 ms of the first rows' time in bench/ui-bench.ts.)
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

export interface WindowRow {
  index: number;
  /** The row's top in the scrolled content, px. */
  start: number;
}

export interface RowWindow {
  rows: WindowRow[];
  /** The scroll offset the rows were computed for, px. */
  offset: number;
  /** The scroll element's visible height, px. */
  viewport: number;
  /** Height of all rows, px (the scrollbar's length). */
  totalSize: number;
  /** Scrolls the least needed to bring the row into view (nothing when it is in view). */
  scrollToIndex(index: number): void;
}

/** The rows `first..last` in view plus `overscan` on each side. Pure, for tests. */
export function windowRows(
  count: number,
  rowHeight: number,
  offset: number,
  viewport: number,
  overscan: number,
): WindowRow[] {
  if (count <= 0) return [];
  const first = Math.max(0, Math.min(count - 1, Math.floor(offset / rowHeight) - overscan));
  const last = Math.max(first, Math.min(count - 1, Math.ceil((offset + viewport) / rowHeight) - 1 + overscan));
  const rows: WindowRow[] = [];
  for (let index = first; index <= last; index++) rows.push({ index, start: index * rowHeight });
  return rows;
}

/** Where to scroll so the row is in view with the least movement; null when it already is. */
export function scrollTopFor(index: number, rowHeight: number, scrollTop: number, viewport: number): number | null {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return null;
}

export function useRowWindow(
  scrollRef: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan: number,
): RowWindow {
  const [box, setBox] = useState({ offset: 0, viewport: 0 });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const read = () =>
      setBox((b) =>
        b.offset === el.scrollTop && b.viewport === el.clientHeight
          ? b
          : { offset: el.scrollTop, viewport: el.clientHeight },
      );
    read();
    el.addEventListener('scroll', read, { passive: true });
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(read);
    resize?.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      resize?.disconnect();
    };
  }, [scrollRef]);
  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const top = scrollTopFor(index, rowHeight, el.scrollTop, el.clientHeight);
      if (top !== null) el.scrollTop = top;
    },
    [scrollRef, rowHeight],
  );
  return {
    rows: windowRows(count, rowHeight, box.offset, box.viewport, overscan),
    offset: box.offset,
    viewport: box.viewport,
    totalSize: Math.max(0, count) * rowHeight,
    scrollToIndex,
  };
}
