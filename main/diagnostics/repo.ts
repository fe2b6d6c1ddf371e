// What a diagnostics export reads from the database (docs/diagnostics.md): SQLite's own quick check, the row count of
// every ordinary table and the outbox by state. Read-only: nothing here writes.
import type { ReadDb } from '../db/connection';
import { OUTBOX_STATES, type OutboxState } from '../../common/api/contract-outbox';

interface TableListRow {
  schema: string;
  name: string;
  type: string;
}

// Typed but not cached (statement-cache.ts): an export runs rarely, maybe against a damaged database, and a
// statement that cannot be prepared (a missing table) must fail only its own part of the export.
const reads = (db: ReadDb) => ({
  tableList: () => db.prepare<[], TableListRow>('PRAGMA main.table_list'),
  outboxByState: () =>
    db.prepare<[], { state: OutboxState; n: number }>(
      'SELECT state, count(*) AS n FROM outbox WHERE discarded_at IS NULL GROUP BY state',
    ),
  outboxDiscarded: () => db.prepare<[], number>('SELECT count(*) FROM outbox WHERE discarded_at IS NOT NULL').pluck(),
  sqliteVersion: () => db.prepare<[], string>('SELECT sqlite_version()').pluck(),
});

/** `PRAGMA quick_check`: `['ok']` for a sound database, else SQLite's list of problems (at most `max`). */
export function quickCheck(db: ReadDb, max = 100): string[] {
  // The limit is part of the pragma's text (PRAGMA takes no bound parameters).
  return db
    .prepare<[], string>(`PRAGMA quick_check(${Math.max(1, Math.floor(max))})`)
    .pluck()
    .all();
}

/**
 * Rows per ordinary table of the main schema, by name. Virtual (FTS5) tables and their shadow tables are left out:
 * they mirror ordinary tables, and counting an FTS index scans all of it.
 */
export function tableCounts(db: ReadDb): Record<string, number> {
  const tables = reads(db)
    .tableList()
    .all()
    .filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'))
    .map((t) => t.name)
    .sort();
  const counts: Record<string, number> = {};
  for (const name of tables) {
    // A table name cannot be a bound parameter: one statement per table.
    counts[name] =
      db
        .prepare<[], number>(`SELECT count(*) FROM "${name.replace(/"/g, '""')}"`)
        .pluck()
        .get() ?? 0;
  }
  return counts;
}

export interface OutboxStateCounts {
  /** Items not discarded, by state (every state present, 0 when none). */
  byState: Record<OutboxState, number>;
  /** Items the user discarded, whatever their last state. */
  discarded: number;
}

export function outboxStateCounts(db: ReadDb): OutboxStateCounts {
  const byState = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
  for (const r of reads(db).outboxByState().all()) byState[r.state] = r.n;
  const discarded = reads(db).outboxDiscarded().get() ?? 0;
  return { byState, discarded };
}

/** `PRAGMA user_version` (the last migration applied) and SQLite's own version. */
export function schemaInfo(db: ReadDb): { schemaVersion: number; sqliteVersion: string } {
  return {
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    sqliteVersion: reads(db).sqliteVersion().get() ?? '',
  };
}
