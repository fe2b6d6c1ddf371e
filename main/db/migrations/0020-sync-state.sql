-- Sync bookkeeping: feed cursors, non-secret settings, rejected feed items.
-- Credentials never go in SQLite.
CREATE TABLE sync_cursors (
  feed       TEXT PRIMARY KEY,
  cursor     TEXT,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Non-secret settings only; value is JSON text.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) WITHOUT ROWID;

-- A malformed feed item is reported and skipped, never fatal; kept here for inspection.
CREATE TABLE sync_rejects (
  id        INTEGER PRIMARY KEY,
  feed      TEXT    NOT NULL,
  item_json TEXT    NOT NULL,
  error     TEXT    NOT NULL,
  at        INTEGER NOT NULL
);
CREATE INDEX sync_rejects_at ON sync_rejects (at);
