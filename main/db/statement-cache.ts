// Prepared statements cached per connection (docs/architecture.md: prepared statements cached for hot paths).
// Keyed by the Db object, so a closed connection's statements go with it.
// Build read statements with `(db: ReadDb) => …` and write statements with `(db: WriteDb) => …`, so a read path
// cannot reach a write statement (STYLE.md "The database").
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
 * Runs `fn` in a transaction, or inside the caller's when one is open (the sync stores a page and its cursor together).
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.inTransaction ? fn() : db.transaction(fn)();
}
