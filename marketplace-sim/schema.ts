// The simulator's SQLite schema (its own database, not the app's migrations). Idempotent: run at every open.
/** Secondary indexes of order_lines: dropped for a bulk load into an empty table and built after (≈2× faster). */
export const LINE_INDEXES = `
CREATE UNIQUE INDEX IF NOT EXISTS order_lines_by_id ON order_lines (order_line_id);
CREATE INDEX IF NOT EXISTS order_lines_by_order ON order_lines (order_id);
`;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- seq is the feed position: a change moves the line to a new, higher seq (docs/marketplace-api.md "Feeds").
CREATE TABLE IF NOT EXISTS order_lines (
  seq INTEGER PRIMARY KEY,
  order_line_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  seller_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  complete_at INTEGER,
  json TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS order_lines_by_id ON order_lines (order_line_id);
CREATE INDEX IF NOT EXISTS order_lines_by_order ON order_lines (order_id);
CREATE INDEX IF NOT EXISTS order_lines_due ON order_lines (complete_at) WHERE complete_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS bills (
  seq INTEGER PRIMARY KEY,
  bill_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  seller_id TEXT NOT NULL,
  billing_period TEXT NOT NULL,
  json TEXT NOT NULL,
  UNIQUE (bill_id, revision)
);
-- What the simulator knows about each stored bill revision (bills.seq) beyond the wire: the seller's deposit before
-- and after it (B3) and the lines made deliberately wrong (B2a), for /sim/v1/state.
CREATE TABLE IF NOT EXISTS bill_ledger (
  seq INTEGER PRIMARY KEY,
  deposit_before INTEGER NOT NULL,
  deposit_after INTEGER NOT NULL,
  wrong_lines TEXT NOT NULL
);
-- Deliberately wrong settlement amounts asked for by /sim/v1/bills/run wrongLine (kept by plain reruns, cleared by correct).
CREATE TABLE IF NOT EXISTS bill_faults (
  seller_id TEXT NOT NULL,
  billing_period TEXT NOT NULL,
  order_line_id TEXT NOT NULL,
  delta_minor INTEGER NOT NULL,
  PRIMARY KEY (seller_id, billing_period, order_line_id)
) WITHOUT ROWID;
-- B1: pay-per-use consumption records (the bill attributes pay-per-use by consumption time).
CREATE TABLE IF NOT EXISTS usage_records (
  id INTEGER PRIMARY KEY,
  order_line_id TEXT NOT NULL,
  seller_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  amount_minor INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS usage_records_by_line ON usage_records (order_line_id);

CREATE TABLE IF NOT EXISTS products (
  product_id TEXT PRIMARY KEY,
  template_version INTEGER NOT NULL,
  template_json TEXT NOT NULL,
  etag TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS attachments (
  attachment_id TEXT PRIMARY KEY,
  seller_id TEXT,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS attachments_dedupe ON attachments (seller_id, sha256, size);

CREATE TABLE IF NOT EXISTS action_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  order_line_id TEXT,
  seller_id TEXT,
  idempotency_key TEXT,
  detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS action_log_by_line ON action_log (order_line_id);

CREATE TABLE IF NOT EXISTS idempotency (
  seller_id TEXT NOT NULL,
  idem_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (seller_id, idem_key)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS uploads (
  upload_id TEXT PRIMARY KEY,
  seller_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  content_type TEXT NOT NULL,
  received INTEGER NOT NULL DEFAULT 0,
  attachment_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS upload_chunks (
  upload_id TEXT NOT NULL,
  start INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (upload_id, start)
) WITHOUT ROWID;
`;
