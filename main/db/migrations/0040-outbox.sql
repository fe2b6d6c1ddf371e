-- The outbox (docs/architecture.md "Data"): one row per intended marketplace write, with the idempotency key made
-- when the user acted. Rows are never deleted: a discard is recorded (discarded_at + discard_reason).
CREATE TABLE outbox (
  id TEXT PRIMARY KEY NOT NULL,
  -- Enqueue order; each order line's items are sent strictly in this order.
  seq INTEGER NOT NULL UNIQUE,
  order_line_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('request.accept', 'request.reject', 'appeal', 'unsubscription.review', 'delivery')),
  -- What the user entered (local sha256 references for attachments); kept whatever the marketplace answers.
  payload_json TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  -- The exact JSON body sent, frozen before the first send: the same key must always carry the same request.
  request_json TEXT,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'acked', 'rejected', 'conflict', 'unknown')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error_json TEXT,
  next_attempt_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  acked_at INTEGER,
  discarded_at INTEGER,
  discard_reason TEXT,
  CHECK ((discarded_at IS NULL) = (discard_reason IS NULL))
);
CREATE INDEX outbox_by_line ON outbox (order_line_id, seq);
CREATE INDEX outbox_open ON outbox (next_attempt_at) WHERE state IN ('queued', 'sending', 'unknown') AND discarded_at IS NULL;

-- What happened to each item, in order (enqueued, sent, answered, requeued with a new key, discarded …).
CREATE TABLE outbox_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  outbox_id TEXT NOT NULL REFERENCES outbox (id),
  at INTEGER NOT NULL,
  event TEXT NOT NULL,
  detail_json TEXT
);
CREATE INDEX outbox_log_by_item ON outbox_log (outbox_id, id);

-- Local state an unsent action has already caused: the order shows "pending sync" and the
-- stage / appeal it will have once the marketplace accepts. Removed when the item gets a definite answer.
CREATE TABLE outbox_pending (
  outbox_id TEXT PRIMARY KEY NOT NULL REFERENCES outbox (id),
  order_line_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  expected_stage TEXT,
  opens_appeal INTEGER NOT NULL DEFAULT 0 CHECK (opens_appeal IN (0, 1)),
  created_at INTEGER NOT NULL
);
CREATE INDEX outbox_pending_by_line ON outbox_pending (order_line_id);
