// Stored JSON that no longer parses (docs/architecture.md "Data"): a few random bytes inside a row pass SQLite's
// integrity check, so the repositories parse their JSON columns through `storedJson`, which names the row. A list
// skips such a row and reports it here (per connection); one-row reads fail with the same typed error. The CLI prints
// the reports on stderr and exits 1; the window hears them as a `db:status` event and shows a notice.
import type Database from 'better-sqlite3';
import { AppError } from '../../common/api/result';
import type { DbRowProblem } from '../../common/api/contract-db';

export type { DbRowProblem } from '../../common/api/contract-db';

export class StoredJsonError extends AppError {
  constructor(readonly problem: DbRowProblem) {
    super(
      'internal',
      `the stored ${problem.column} of ${problem.table} row ${problem.id} is damaged (not valid JSON); run 'seller-desk db recover' or restore a backup`,
      { reason: 'stored_json', ...problem },
    );
    this.name = 'StoredJsonError';
  }
}

/** Parses a JSON column; a damaged value throws StoredJsonError naming the row instead of a bare SyntaxError. */
export function storedJson<T = unknown>(text: string, table: string, id: string | number, column: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new StoredJsonError({ table, id: String(id), column });
  }
}

/** True when `text` is JSON that parses (the check `orders list --json` makes before printing a stored line). */
export function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

interface Registry {
  problems: Map<string, DbRowProblem>;
  listeners: Set<(problem: DbRowProblem) => void>;
}

const registries = new WeakMap<Database.Database, Registry>();

function registryOf(db: Database.Database): Registry {
  let r = registries.get(db);
  if (!r) {
    r = { problems: new Map(), listeners: new Set() };
    registries.set(db, r);
  }
  return r;
}

/** Records a damaged row once per connection and tells the listeners (services forward it as `db:status`). */
export function reportRowProblem(db: Database.Database, problem: DbRowProblem): void {
  const r = registryOf(db);
  const key = `${problem.table}\u0000${problem.id}\u0000${problem.column}`;
  if (r.problems.has(key)) return;
  r.problems.set(key, problem);
  for (const fn of [...r.listeners]) fn(problem);
}

export function rowProblems(db: Database.Database): DbRowProblem[] {
  return [...(registries.get(db)?.problems.values() ?? [])];
}

export function onRowProblem(db: Database.Database, fn: (problem: DbRowProblem) => void): () => void {
  const r = registryOf(db);
  r.listeners.add(fn);
  return () => {
    r.listeners.delete(fn);
  };
}

/**
 * Maps rows, skipping (and reporting) each one whose stored JSON is damaged: a list shows every row it can read and
 * says which it could not, instead of failing whole or printing half a row.
 */
export function mapReadable<R, T>(db: Database.Database, rows: readonly R[], map: (row: R) => T): T[] {
  const out: T[] = [];
  for (const row of rows) {
    try {
      out.push(map(row));
    } catch (err) {
      if (!(err instanceof StoredJsonError)) throw err;
      reportRowProblem(db, err.problem);
    }
  }
  return out;
}

/** `outbox row 1b2c…: payload_json` — how the CLI names a skipped row on stderr. */
export function describeRowProblem(p: DbRowProblem): string {
  return `skipped ${p.table} row ${p.id}: its stored ${p.column} is not valid JSON`;
}
