// Test data for migration tests: order lines written into a database left at an old schema version the way the
// app of that version wrote them. Today's repository (order-line-write.ts) writes the columns of the newest
// migration, which an old database does not have (docs/architecture.md: every migration has a test that
// migrates a populated database).
import type { Db } from '../../db/connection';
import type { WireOrderLine } from '../../../common/marketplace/wire';
import { allocateId } from '../order-line-id';
import { doubled, orderNoText } from '../order-no-key';
import { lineToColumns, type OrderLineColumns } from '../order-line-row';

/**
 * The order_lines columns a writer filled from 0010-order-lines.sql until 0100-urgency.sql added the S5b rejection
 * counts.
 */
const COLUMNS_BEFORE_0100 = [
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
] as const satisfies ReadonlyArray<keyof OrderLineColumns>;

/**
 * Inserts feed lines (not imported) into a database migrated to a version before 0100: the row with that
 * version's columns, its raw JSON and its order-number trigram entries, in one transaction. Throws on a
 * database at 0100 or later, where the repository itself is the right writer.
 */
export function insertLinesBefore0100(db: Db, lines: readonly WireOrderLine[]): void {
  const names = db.prepare<[], string>("SELECT name FROM pragma_table_info('order_lines')").pluck().all();
  if (names.includes('request_rejections')) throw new Error('the database is at 0100 or later: use upsertOrderLines');
  const insert = db.prepare(
    `INSERT INTO order_lines (id, ${COLUMNS_BEFORE_0100.join(', ')}) VALUES (@id, ${COLUMNS_BEFORE_0100.map((c) => `@${c}`).join(', ')})`,
  );
  const insertRaw = db.prepare<[number, string]>('INSERT INTO order_line_raw (id, raw_json) VALUES (?, ?)');
  const fts = db.prepare<[number, string]>('INSERT INTO order_lines_fts (rowid, order_no) VALUES (?, ?)');
  const fts2 = db.prepare<[number, string]>('INSERT INTO order_lines_fts2 (rowid, order_no2) VALUES (?, ?)');
  db.transaction(() => {
    for (const line of lines) {
      const cols = lineToColumns(line, false);
      const id = allocateId(db, cols.placed_at);
      insert.run({ id, ...Object.fromEntries(COLUMNS_BEFORE_0100.map((c) => [c, cols[c]])) });
      insertRaw.run(id, cols.raw_json);
      const text = orderNoText(cols.order_id, cols.order_line_id);
      fts.run(id, text);
      fts2.run(id, doubled(text));
    }
  })();
}
