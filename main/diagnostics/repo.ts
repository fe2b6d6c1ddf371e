// What a diagnostics export reads from the database (docs/diagnostics.md): SQLite's own quick check, the row count of
// every ordinary table and the outbox by state. Read-only: nothing here writes.
import type { Db } from '../db/connection';
import { OUTBOX_STATES, type OutboxState } from '../../common/api/contract-outbox';

/** `PRAGMA quick_check`: `['ok']` for a sound database, else SQLite's list of problems (at most `max`). */
export function quickCheck(db: Db, max = 100): string[] {
  return db.prepare(`PRAGMA quick_check(${Math.max(1, Math.floor(max))})`).pluck().all() as string[];
}

interface TableListRow {
  schema: string;
  name: string;
  type: string;
}

/**
 * Rows per ordinary table of the main schema, by name. Virtual (FTS5) tables and their shadow tables are left out:
 * they mirror ordinary tables, and counting an FTS index scans all of it.
 */
export function tableCounts(db: Db): Record<string, number> {
  const tables = (db.prepare('PRAGMA main.table_list').all() as TableListRow[])
    .filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'))
    .map((t) => t.name)
    .sort();
  const counts: Record<string, number> = {};
  for (const name of tables) {
    counts[name] = db.prepare(`SELECT count(*) FROM "${name.replace(/"/g, '""')}"`).pluck().get() as number;
  }
  return counts;
}

export interface OutboxStateCounts {
  /** Items not discarded, by state (every state present, 0 when none). */
  byState: Record<OutboxState, number>;
  /** Items the user discarded, whatever their last state. */
  discarded: number;
}

export function outboxStateCounts(db: Db): OutboxStateCounts {
  const byState = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
  const rows = db
    .prepare('SELECT state, count(*) AS n FROM outbox WHERE discarded_at IS NULL GROUP BY state')
    .all() as Array<{ state: OutboxState; n: number }>;
  for (const r of rows) byState[r.state] = r.n;
  const discarded = db.prepare('SELECT count(*) FROM outbox WHERE discarded_at IS NOT NULL').pluck().get() as number;
  return { byState, discarded };
}

/** `PRAGMA user_version` (the last migration applied) and SQLite's own version. */
export function schemaInfo(db: Db): { schemaVersion: number; sqliteVersion: string } {
  return {
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    sqliteVersion: db.prepare('SELECT sqlite_version()').pluck().get() as string,
  };
}
