// The local database's events (docs/architecture.md "Data"), spread into channels.ts's list; contract-db.ts declares
// their payloads.

/** `db:status`: the check found the database unusable, or a list skipped a damaged row. */
export const DB_EVENT_NAMES = ['db:status'] as const;
