// Ruled tables that flow across pages: the header row repeats on each page, and a row taller than
// what is left is moved to the next page — or, if taller than a page, split between its lines.
import type { RGB } from 'pdf-lib';
import type { Canvas } from './pdf-canvas';
import { A4, COLOR, MARGIN, textLines, type Flow, type Line, type TextStyle } from './page-flow';

export interface Column {
  title: string;
  width: number;
  fill?: RGB;
}

export interface TableOptions {
  /** Header row style; no header row when omitted. */
  header?: TextStyle;
  padX?: number;
  padY?: number;
  /** Shown in a cell that has nothing left when its row continues on a new page, e.g. "(continued)". */
  continued?: (row: number, column: number) => Line[] | null;
}

const RULE = 0.5;

function sum(lines: readonly Line[]): number {
  return lines.reduce((h, l) => h + l.height, 0);
}

/** Draws one band (a header or a piece of a row): fills, cell lines, the rules around it. */
function band(
  page: Canvas,
  columns: readonly Column[],
  cells: readonly (readonly Line[])[],
  top: number,
  height: number,
  padX: number,
  padY: number,
  fill?: RGB,
): void {
  let x = MARGIN.left;
  columns.forEach((col, i) => {
    const bg = fill ?? col.fill;
    if (bg) page.drawRectangle({ x, y: top - height, width: col.width, height, color: bg });
    let y = top - padY;
    for (const line of cells[i] ?? []) {
      line.draw(page, x + padX, y);
      y -= line.height;
    }
    page.drawLine({ start: { x, y: top }, end: { x, y: top - height }, thickness: RULE, color: COLOR.rule });
    x += col.width;
  });
  page.drawLine({ start: { x, y: top }, end: { x, y: top - height }, thickness: RULE, color: COLOR.rule });
  // Top and bottom rules after the fills, so a neighbour band's fill never hides a rule.
  page.drawLine({ start: { x: MARGIN.left, y: top }, end: { x, y: top }, thickness: RULE, color: COLOR.rule });
  page.drawLine({
    start: { x: MARGIN.left, y: top - height },
    end: { x, y: top - height },
    thickness: RULE,
    color: COLOR.rule,
  });
}

/** `rows[r][c]` = the lines of a cell, laid out for `columns[c].width − 2 × padX`. */
export function drawTable(
  flow: Flow,
  columns: readonly Column[],
  rows: readonly (readonly (readonly Line[])[])[],
  options: TableOptions = {},
): void {
  const padX = options.padX ?? 5;
  const padY = options.padY ?? 4;
  const headerCells = options.header
    ? columns.map((c) => textLines(c.title, c.width - 2 * padX, options.header as TextStyle))
    : [];
  const headerHeight = options.header ? Math.max(...headerCells.map(sum)) + 2 * padY : 0;
  const pageCapacity = A4.height - MARGIN.top - MARGIN.bottom - 40; // minus the running header, roughly
  let rowsOnPage = 0;

  const startOnPage = () => {
    if (options.header) {
      band(flow.page, columns, headerCells, flow.y, headerHeight, padX, padY, COLOR.fill);
      flow.y -= headerHeight;
    }
    rowsOnPage = 0;
  };
  const breakPage = () => {
    flow.newPage();
    startOnPage();
  };

  const firstLines = rows[0]?.map((cell) => cell[0]?.height ?? 0) ?? [0];
  flow.ensure(headerHeight + Math.max(...firstLines) + 2 * padY);
  startOnPage();

  rows.forEach((row, r) => {
    let rest: Line[][] = row.map((cell) => [...cell]);
    let resumed = false;
    while (rest.some((cell) => cell.length > 0)) {
      // A row resumed on a new page: label its finished cells so the reader knows whose content this is.
      const cells = resumed
        ? rest.map((cell, c) => (cell.length > 0 ? cell : (options.continued?.(r, c) ?? [])))
        : rest;
      const avail = flow.remaining() - 2 * padY;
      const full = Math.max(...cells.map(sum));
      if (full <= avail) {
        band(flow.page, columns, cells, flow.y, full + 2 * padY, padX, padY);
        flow.y -= full + 2 * padY;
        rowsOnPage += 1;
        break;
      }
      // Keep a row whole when it fits on a fresh page; split only rows taller than a page.
      if (!resumed && rowsOnPage > 0 && full <= pageCapacity - headerHeight) {
        breakPage();
        continue;
      }
      const taken = cells.map((cell) => {
        let h = 0;
        let n = 0;
        while (n < cell.length && h + cell[n].height <= avail) h += cell[n++].height;
        return n;
      });
      if (taken.every((n) => n === 0)) {
        breakPage();
        continue;
      }
      const piece = cells.map((cell, i) => cell.slice(0, taken[i]));
      const height = Math.max(...piece.map(sum)) + 2 * padY;
      band(flow.page, columns, piece, flow.y, height, padX, padY);
      flow.y -= height;
      rest = rest.map((cell, i) => cell.slice(taken[i]));
      resumed = true;
      breakPage();
    }
  });
}
