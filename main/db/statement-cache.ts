// Prepared statements cached per connection (docs/architecture.md: prepared statements cached for hot paths).
// Keyed by the Db object, so a closed connection's statements go with it.
import type { Db } from './connection';

export function perDb<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let value = cache.get(db);
    if (value === undefined) {
      value = build(db);
      cache.set(db, value);
    }
    return value;
  };
}

/** Runs `fn` in a transaction, or inside the caller's when one is open (the sync stores a page and its cursor together). */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.inTransaction ? fn() : db.transaction(fn)();
}
