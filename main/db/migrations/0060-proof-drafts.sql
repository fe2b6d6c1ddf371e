-- Delivery-proof drafts (docs/rules.md P1–P5). An order line can have several drafts.
-- A draft records the template version it was filled against (P1) and the order's stage/status when it was
-- started (or last re-baselined), so a later pull can say exactly what changed (P5).
-- No foreign key to order_lines: a draft outlives whatever the cache does to its order line.
CREATE TABLE proof_drafts (
  id               TEXT    PRIMARY KEY NOT NULL,
  order_line_id    TEXT    NOT NULL,
  product_id       TEXT    NOT NULL,
  template_version INTEGER NOT NULL,
  label            TEXT,
  -- P1 values by template item key (attachment items have none).
  content_json     TEXT    NOT NULL DEFAULT '{}',
  -- P2/V1: the actual service enabling time, UTC ms; NULL = starts at acceptance.
  enabling_time    INTEGER,
  -- [{ sha256, category, fileName }] — files live in the attachment store (0050).
  attachments_json TEXT    NOT NULL DEFAULT '[]',
  state            TEXT    NOT NULL CHECK (state IN ('editing', 'queued', 'delivered', 'conflict')),
  -- P5: what changed ({ cause, changes: [{ field, from, to }], … }); NULL unless state = 'conflict'.
  conflict_json    TEXT,
  -- The order as it was when the draft was started or re-baselined (P5 compares against it).
  base_stage       TEXT,
  base_status      TEXT    NOT NULL,
  -- The delivery queued from this draft (P4: one delivery per submission).
  outbox_id        TEXT    REFERENCES outbox (id),
  -- Incremented by every save: the number of acknowledged edits.
  revision         INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  submitted_at     INTEGER,
  -- A deletion is recorded, not a DELETE (the row stays, hidden from lists).
  deleted_at       INTEGER,
  CHECK ((state = 'conflict') = (conflict_json IS NOT NULL))
);
CREATE INDEX proof_drafts_by_line ON proof_drafts (order_line_id, updated_at);
CREATE UNIQUE INDEX proof_drafts_by_outbox ON proof_drafts (outbox_id) WHERE outbox_id IS NOT NULL;

-- What happened to each draft (created, submitted, conflict, resolved, moved, delivered, deleted …), in order.
-- Ordinary saves are not logged: the draft row itself is their record.
CREATE TABLE proof_draft_log (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  draft_id   TEXT    NOT NULL REFERENCES proof_drafts (id),
  at         INTEGER NOT NULL,
  event      TEXT    NOT NULL,
  detail_json TEXT
);
CREATE INDEX proof_draft_log_by_draft ON proof_draft_log (draft_id, id);
