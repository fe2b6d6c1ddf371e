// Every stored JSON value that no longer parses (`seller-desk db check`, docs/architecture.md "Data"): SQLite's
// json_valid() finds the candidates in one pass per column — a 1M-line cache is scanned without parsing each line in
// JavaScript — and JSON.parse confirms each one, so the report matches what the lists skip (row-problems.ts).
import type Database from 'better-sqlite3';
import type { DbRowProblem } from '../../common/api/contract-db';
import { isValidJson } from '../db/row-problems';
import { tableExists } from './salvage';

interface JsonColumn {
  table: string;
  /** SQL for the row's key, as the lists name it. */
  key: string;
  columns: readonly string[];
}

export const JSON_COLUMNS: readonly JsonColumn[] = [
  {
    table: 'order_line_raw',
    key: "coalesce((SELECT order_line_id FROM order_lines l WHERE l.id = order_line_raw.id), 'row ' || order_line_raw.id)",
    columns: ['raw_json'],
  },
  { table: 'outbox', key: 'id', columns: ['payload_json', 'request_json', 'last_error_json'] },
  { table: 'outbox_log', key: 'id', columns: ['detail_json'] },
  { table: 'proof_drafts', key: 'id', columns: ['content_json', 'attachments_json', 'conflict_json'] },
  { table: 'proof_draft_log', key: 'id', columns: ['detail_json'] },
  { table: 'attachments', key: 'sha256', columns: ['names_json'] },
  { table: 'settings', key: 'key', columns: ['value'] },
  { table: 'delivery_templates', key: "product_id || '@' || template_version", columns: ['items_json', 'raw_json'] },
  { table: 'sync_rejects', key: 'id', columns: ['item_json'] },
  { table: 'bill_revisions', key: "bill_id || '#' || revision", columns: ['raw_json'] },
  { table: 'account_snapshots', key: 'id', columns: ['raw_json'] },
];

export function scanStoredJson(db: Database.Database): DbRowProblem[] {
  const out: DbRowProblem[] = [];
  for (const t of JSON_COLUMNS) {
    if (!tableExists(db, t.table)) continue;
    for (const column of t.columns) {
      const rows = db
        .prepare<[], { k: unknown; v: unknown }>(
          `SELECT ${t.key} AS k, "${column}" AS v FROM "${t.table}" WHERE "${column}" IS NOT NULL AND NOT json_valid("${column}")`,
        )
        .all();
      for (const r of rows)
        if (typeof r.v !== 'string' || !isValidJson(r.v)) out.push({ table: t.table, id: String(r.k), column });
    }
  }
  return out;
}
