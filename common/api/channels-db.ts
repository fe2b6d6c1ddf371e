// The local database's own channels (docs/architecture.md "Data": backups, the start-up check, restore and recovery),
// zod-free like channels.ts, which spreads them in. contract-db.ts declares their inputs and results.

export const DB_CHANNEL_NAMES = ['db:status', 'db:backups', 'db:backup', 'db:restore', 'db:recover'] as const;

/** `db:status`: the check found the database unusable, or a list skipped a damaged row. */
export const DB_EVENT_NAMES = ['db:status'] as const;
