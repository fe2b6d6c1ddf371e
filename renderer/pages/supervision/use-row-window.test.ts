import { describe, expect, it } from 'vitest';
import { scrollTopFor, windowRows } from './use-row-window';

describe('the order table window (fixed-height rows)', () => {
  it('holds the rows in view plus the overscan on each side, at their tops', () => {
    // Rows 10–19 are in view (offset 320 px, 320 px high, 32 px rows); 2 more on each side.
    expect(windowRows(1_000_000, 32, 320, 320, 2)).toEqual(
      Array.from({ length: 14 }, (_, i) => ({ index: 8 + i, start: (8 + i) * 32 })),
    );
  });

  it('a row partly in view is in the window', () => {
    expect(windowRows(100, 32, 16, 40, 0).map((r) => r.index)).toEqual([0, 1]);
  });

  it('never holds rows before the first or past the last, and none of an empty list', () => {
    expect(windowRows(5, 32, 0, 900, 10).map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    expect(windowRows(1_000_000, 32, 32 * 999_990, 900, 10).at(-1)?.index).toBe(999_999);
    expect(windowRows(0, 32, 0, 900, 10)).toEqual([]);
  });

  it('an offset past a shrunk list shows its last rows until the scroll position follows', () => {
    expect(windowRows(3, 32, 32_000, 320, 2).map((r) => r.index)).toEqual([2]);
  });

  it('before the viewport is measured, the overscan rows are there to render', () => {
    expect(windowRows(14, 32, 0, 0, 10).map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('scrolls the least needed to bring a row into view, and not at all when it is in view', () => {
    expect(scrollTopFor(5, 32, 0, 320)).toBeNull();
    expect(scrollTopFor(10, 32, 0, 320)).toBe(32); // its bottom at the viewport's bottom
    expect(scrollTopFor(2, 32, 320, 320)).toBe(64); // its top at the viewport's top
    expect(scrollTopFor(9, 32, 0, 320)).toBeNull(); // exactly fits
  });
});
