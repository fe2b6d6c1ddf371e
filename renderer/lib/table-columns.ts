// The supervision table's column layout (widths the user dragged, columns hidden) → the CSS grid's tracks.
// Pure: the table reads its default tracks from styles.css (--cols) and keeps the layout in the settings.
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, type TableColumns } from '../../common/api/contract';

export const EMPTY_LAYOUT: TableColumns = { widths: {}, hidden: [] };
/** One ←/→ press on a focused resize handle. */
export const RESIZE_STEP = 16;
/** The track of a column styles.css does not size (a column added after --cols was written). */
export const FALLBACK_TRACK = 'minmax(110px, 1fr)';

/** Splits a grid-template-columns value into its tracks, keeping `minmax(a, b)` whole. */
export function splitTracks(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of value.trim()) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (/\s/.test(ch) && depth === 0) {
      if (current) out.push(current);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

export function clampWidth(px: number): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, px)));
}

export function isCustomized(layout: TableColumns): boolean {
  return Object.keys(layout.widths).length > 0 || layout.hidden.length > 0;
}

/** The shown columns, in order; never none (the first stays when a stale layout hides them all). */
export function visibleColumns<C extends { id: string }>(columns: readonly C[], layout: TableColumns): C[] {
  const shown = columns.filter((c) => !layout.hidden.includes(c.id));
  return shown.length > 0 ? shown : columns.slice(0, 1);
}

/**
 * The grid tracks of the shown columns: a dragged column gets its pixels, the others keep their default track
 * (by position in `defaults`, which lists every column's track in `columns` order).
 */
export function gridTemplate(
  columns: readonly { id: string }[],
  layout: TableColumns,
  defaults: readonly string[],
): string {
  const shown = new Set(visibleColumns(columns, layout).map((c) => c.id));
  return columns
    .map((c, i) => {
      if (!shown.has(c.id)) return null;
      const px = layout.widths[c.id];
      return px !== undefined ? `${px}px` : (defaults[i] ?? FALLBACK_TRACK);
    })
    .filter((t): t is string => t !== null)
    .join(' ');
}

export function setWidth(layout: TableColumns, id: string, px: number): TableColumns {
  return { ...layout, widths: { ...layout.widths, [id]: clampWidth(px) } };
}

/** Hides or shows a column; refuses (returns the layout unchanged) to hide the last shown one. */
export function toggleHidden(layout: TableColumns, id: string, allIds: readonly string[]): TableColumns {
  if (layout.hidden.includes(id)) return { ...layout, hidden: layout.hidden.filter((h) => h !== id) };
  const shown = allIds.filter((c) => !layout.hidden.includes(c));
  if (shown.length <= 1 || !shown.includes(id)) return layout;
  return { ...layout, hidden: [...layout.hidden, id] };
}

export function resetWidths(layout: TableColumns): TableColumns {
  return { ...layout, widths: {} };
}

/** A layout read from the settings, with unknown columns dropped (a column may have been removed since). */
export function knownLayout(layout: TableColumns | undefined, allIds: readonly string[]): TableColumns {
  if (!layout) return EMPTY_LAYOUT;
  const widths: Record<string, number> = {};
  for (const [id, px] of Object.entries(layout.widths)) if (allIds.includes(id)) widths[id] = px;
  return { widths, hidden: layout.hidden.filter((id) => allIds.includes(id)) };
}
