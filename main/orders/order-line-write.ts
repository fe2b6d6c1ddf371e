// Writing one order line (shared by upsertOrderLines and the bulk path): the highest version wins.
import type { Db } from '../db/connection';
import { allocateId } from './order-line-id';
import { doubled, orderNoText } from './order-no-key';
import type { OrderLineColumns } from './order-line-row';
import { perDb } from '../db/statement-cache';

export const COLUMNS = [
  'order_line_id',
  'order_id',
  'order_type',
  'status',
  'charging_mode',
  'stage',
  'process',
  'appeal_open',
  'unsub_pending',
  'product_id',
  'product_name',
  'customer_id',
  'customer_name',
  'amount_minor',
  'currency',
  'placed_at',
  'stage_since',
  'template_version',
  'version',
  'updated_at',
  'imported',
  'request_rejections',
  'delivery_rejections',
] as const;

const statements = perDb((db) => ({
  existing: db.prepare<[string], Existing>(
    'SELECT id, version, imported, placed_at, order_id FROM order_lines WHERE order_line_id = ?',
  ),
  ftsInsert: db.prepare<[number, string]>('INSERT INTO order_lines_fts (rowid, order_no) VALUES (?, ?)'),
  ftsDelete: db.prepare<[number]>('DELETE FROM order_lines_fts WHERE rowid = ?'),
  fts2Insert: db.prepare<[number, string]>('INSERT INTO order_lines_fts2 (rowid, order_no2) VALUES (?, ?)'),
  fts2Delete: db.prepare<[number]>('DELETE FROM order_lines_fts2 WHERE rowid = ?'),
  // Positional parameters, bound from `columnValues` (named ones made every write copy the line's 24 fields into a new
  // object, and better-sqlite3 then looks each name up in it).
  insert: db.prepare<ColumnValues>(
    `INSERT INTO order_lines (id, ${COLUMNS.join(', ')}) VALUES (?${', ?'.repeat(COLUMNS.length)})`,
  ),
  update: db.prepare<[...ColumnValues, number]>(
    `UPDATE order_lines SET id = ?, ${COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
  ),
  insertRaw: db.prepare<[number, string]>('INSERT INTO order_line_raw (id, raw_json) VALUES (?, ?)'),
  // order_line_raw.id follows an id change through ON UPDATE CASCADE.
  updateRaw: db.prepare<[string, number]>('UPDATE order_line_raw SET raw_json = ? WHERE id = ?'),
}));

type ColumnValue = OrderLineColumns[(typeof COLUMNS)[number]];
/** The line's id, then its columns in COLUMNS order. */
type ColumnValues = [number, ...ColumnValue[]];

function columnValues(id: number, cols: OrderLineColumns): ColumnValues {
  return [id, ...COLUMNS.map((c) => cols[c])];
}

interface Existing {
  id: number;
  version: number;
  imported: number;
  placed_at: number;
  order_id: string;
}

/**
 * Trigram-index writes of a batch, applied in rowid order by `flush`: FTS5 writes its buffered
 * index to disk whenever a rowid is not above the previous one, so a page of lines in feed order
 * (not placement order) written row by row would leave hundreds of tiny segments (measured).
 */
export class FtsBatch {
  private readonly deletes: number[] = [];
  private readonly inserts: Array<{ id: number; text: string }> = [];

  remove(id: number): void {
    this.deletes.push(id);
  }

  add(id: number, cols: Pick<OrderLineColumns, 'order_id' | 'order_line_id'>): void {
    this.inserts.push({ id, text: orderNoText(cols.order_id, cols.order_line_id) });
  }

  /** Writes everything queued; call it in the transaction that wrote the rows. */
  flush(db: Db): void {
    const s = statements(db);
    const deletes = this.deletes.sort((a, b) => a - b);
    const inserts = this.inserts.sort((a, b) => a.id - b.id);
    for (const id of deletes) s.ftsDelete.run(id);
    for (const x of inserts) s.ftsInsert.run(x.id, x.text);
    for (const id of deletes) s.fts2Delete.run(id);
    for (const x of inserts) s.fts2Insert.run(x.id, doubled(x.text));
    this.deletes.length = 0;
    this.inserts.length = 0;
  }
}

export type WriteOutcome = 'inserted' | 'updated' | 'skippedOlder';

/**
 * Stores one line (its trigram-index entry is queued in `fts`) unless the cache holds a newer one
 * (docs/marketplace-api.md: keep the highest version).
 * An imported line never overwrites a feed line; a feed line replaces an imported
 * one whatever its version; a re-import refreshes an imported line of the same version.
 * `fts` null: a bulk load, whose end rebuilds the trigram tables from order_lines at once (order-bulk.ts).
 */
export function writeLine(db: Db, cols: OrderLineColumns, fts: FtsBatch | null): WriteOutcome {
  const s = statements(db);
  const prev = s.existing.get(cols.order_line_id);
  if (!prev) {
    const id = allocateId(db, cols.placed_at);
    s.insert.run(...columnValues(id, cols));
    s.insertRaw.run(id, cols.raw_json);
    fts?.add(id, cols);
    return 'inserted';
  }
  const replace =
    cols.imported === 1
      ? prev.imported === 1 && cols.version >= prev.version
      : prev.imported === 1 || cols.version > prev.version;
  if (!replace) return 'skippedOlder';
  // A changed placement time moves the line to its new place in id (= placement) order.
  const id = prev.placed_at === cols.placed_at ? prev.id : allocateId(db, cols.placed_at);
  s.update.run(...columnValues(id, cols), prev.id);
  s.updateRaw.run(cols.raw_json, id);
  if (fts && (id !== prev.id || prev.order_id !== cols.order_id)) {
    fts.remove(prev.id);
    fts.add(id, cols);
  }
  return 'updated';
}
