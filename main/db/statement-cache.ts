// Prepared statements cached per connection (docs/architecture.md: prepared statements cached for hot paths).
// Keyed by the Db object, so a closed connection's statements go with it.
// Build read statements with `(db: ReadDb) => …` and write statements with `(db: WriteDb) => …`, so a read path
// cannot reach a write statement (STYLE.md "The database").
import type { Statement } from 'better-sqlite3';
import type { Db, ReadDb } from './connection';

export function perDb<D extends ReadDb, T>(build: (db: D) => T): (db: D) => T {
  const cache = new WeakMap<D, T>();
  return (db) => {
    let value = cache.get(db);
    if (value === undefined) {
      value = build(db);
      cache.set(db, value);
    }
    return value;
  };
}

/**
 * Statements for SQL built at run time (a list query's shape), prepared once per connection and SQL text and kept, at
 * most `max` per connection (all dropped when full: shapes are few, a runaway of them is not kept). The row type is
 * given to prepare, so rows reach their mapper without a cast.
 */
export function preparedBySql<P extends unknown[], R>(max: number): (db: ReadDb, sql: string) => Statement<P, R> {
  const maps = perDb((_db: ReadDb) => new Map<string, Statement<P, R>>());
  return (db, sql) => {
    const m = maps(db);
    let s = m.get(sql);
    if (!s) {
      if (m.size >= max) m.clear();
      s = db.prepare<P, R>(sql);
      m.set(sql, s);
    }
    return s;
  };
}

/**
 * Runs `fn` in a transaction, or inside the caller's when one is open (the sync stores a page and its cursor together).
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.inTransaction ? fn() : db.transaction(fn)();
}
