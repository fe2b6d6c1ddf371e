// Numbered migrations (docs/architecture.md): applied in order, each inside a transaction, version in PRAGMA
// user_version.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export class NewerDatabaseError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `this database was written by a newer Seller Desk (schema ${found}; this version knows up to ${known}); refusing to open it`,
    );
    this.name = 'NewerDatabaseError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration newer than the database. A database from a newer app is refused without writing. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): { from: number; to: number } {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  const latest = sorted.length ? sorted[sorted.length - 1].version : 0;
  const from = schemaVersion(db);
  if (from > latest) throw new NewerDatabaseError(from, latest);
  for (const m of sorted) {
    if (m.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      // PRAGMA cannot take bound parameters; the version is an integer from our own list.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    })();
  }
  return { from, to: schemaVersion(db) };
}
