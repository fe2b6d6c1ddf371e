import { describe, expect, it } from 'vitest';
import {
  EMPTY_LAYOUT,
  FALLBACK_TRACK,
  gridTemplate,
  knownLayout,
  resetWidths,
  setWidth,
  splitTracks,
  toggleHidden,
  visibleColumns,
} from './table-columns';

const COLS = [{ id: 'orderNo' }, { id: 'product' }, { id: 'amount' }];
const IDS = COLS.map((c) => c.id);
const DEFAULTS = ['minmax(190px, 0.95fr)', 'minmax(240px, 2.4fr)', '132px'];

describe('the table column layout', () => {
  it('splits a --cols value into tracks, minmax() kept whole', () => {
    expect(splitTracks(' minmax(190px, 0.95fr) minmax(240px, 2.4fr)  132px ')).toEqual(DEFAULTS);
    expect(splitTracks('')).toEqual([]);
  });

  it('a dragged column gets its pixels, the others their default track, a hidden one none', () => {
    expect(gridTemplate(COLS, EMPTY_LAYOUT, DEFAULTS)).toBe(DEFAULTS.join(' '));
    expect(gridTemplate(COLS, setWidth(EMPTY_LAYOUT, 'product', 333.4), DEFAULTS)).toBe(
      'minmax(190px, 0.95fr) 333px 132px',
    );
    expect(gridTemplate(COLS, { widths: { product: 300 }, hidden: ['orderNo'] }, DEFAULTS)).toBe('300px 132px');
    // A column styles.css does not size yet gets a flexible track.
    expect(gridTemplate([...COLS, { id: 'customer' }], EMPTY_LAYOUT, DEFAULTS)).toBe(
      `${DEFAULTS.join(' ')} ${FALLBACK_TRACK}`,
    );
  });

  it('widths are clamped to what the settings accept', () => {
    expect(setWidth(EMPTY_LAYOUT, 'amount', 3).widths.amount).toBe(48);
    expect(setWidth(EMPTY_LAYOUT, 'amount', 99_999).widths.amount).toBe(1200);
    expect(resetWidths(setWidth(EMPTY_LAYOUT, 'amount', 200)).widths).toEqual({});
  });

  it('hides and shows columns, never the last shown one', () => {
    let l = toggleHidden(EMPTY_LAYOUT, 'product', IDS);
    expect(l.hidden).toEqual(['product']);
    l = toggleHidden(toggleHidden(l, 'amount', IDS), 'orderNo', IDS);
    expect(l.hidden).toEqual(['product', 'amount']);
    expect(visibleColumns(COLS, l).map((c) => c.id)).toEqual(['orderNo']);
    expect(toggleHidden(l, 'product', IDS).hidden).toEqual(['amount']);
    // A stale layout hiding everything still shows the first column.
    expect(visibleColumns(COLS, { widths: {}, hidden: IDS }).map((c) => c.id)).toEqual(['orderNo']);
  });

  it('drops columns that no longer exist from a saved layout', () => {
    expect(knownLayout({ widths: { gone: 100, amount: 90 }, hidden: ['gone', 'product'] }, IDS)).toEqual({
      widths: { amount: 90 },
      hidden: ['product'],
    });
    expect(knownLayout(undefined, IDS)).toEqual(EMPTY_LAYOUT);
  });
});
