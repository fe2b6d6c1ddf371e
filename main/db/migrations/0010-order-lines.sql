-- The local order cache (docs/architecture.md "Data"): parsed columns for everything the
-- Service Supervision list filters or sorts on (docs/rules.md O1), plus the raw JSON as received.
-- `order_line_id` is the natural key (UNIQUE, the target of foreign keys). `id` is an INTEGER PRIMARY
-- KEY assigned in placement order (placed_at * 1024 + n, see order-line-id.ts): rowids stay stable
-- across VACUUM for the FTS index below, and rowid order is placement order, so the
-- default sort, date ranges and "newest matches first" searches walk the table or the FTS doclist
-- in order and stop after one page (docs/architecture.md), and every secondary index is ordered by
-- placement within equal keys.
CREATE TABLE order_lines (
  id               INTEGER PRIMARY KEY,
  order_line_id    TEXT    NOT NULL UNIQUE,
  order_id         TEXT    NOT NULL,
  order_type       TEXT    NOT NULL,
  status           TEXT    NOT NULL,
  charging_mode    TEXT    NOT NULL,
  stage            TEXT,                                    -- NULL when not supervised (S6)
  process          TEXT,                                    -- LEGACY | REQUEST_FIRST (S1), NULL when not supervised
  appeal_open      INTEGER NOT NULL DEFAULT 0 CHECK (appeal_open IN (0, 1)),     -- S5a
  unsub_pending    INTEGER NOT NULL DEFAULT 0 CHECK (unsub_pending IN (0, 1)),   -- S5c
  product_id       TEXT    NOT NULL,
  product_name     TEXT    NOT NULL,
  customer_id      TEXT    NOT NULL,
  customer_name    TEXT    NOT NULL,
  amount_minor     INTEGER NOT NULL,                        -- O3: integer minor units
  currency         TEXT    NOT NULL,
  placed_at        INTEGER NOT NULL,                        -- O4: UTC ms
  stage_since      INTEGER,                                 -- UTC ms the current stage began; NULL when not supervised
  template_version INTEGER,
  version          INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  imported         INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1)),
  -- Sort keys. Stages and statuses sort in the order the flow runs (S2, O2a), unsupervised lines last;
  -- "days waiting" counts a line without a stage as waiting 0 days (S5).
  stage_rank       INTEGER GENERATED ALWAYS AS (CASE stage
                     WHEN 'awaiting_request' THEN 1 WHEN 'request_pending' THEN 2 WHEN 'request_returned' THEN 3
                     WHEN 'awaiting_delivery' THEN 4 WHEN 'delivery_returned' THEN 5 WHEN 'awaiting_acceptance' THEN 6
                     WHEN 'completed' THEN 7 WHEN 'closed' THEN 8 ELSE 99 END) VIRTUAL,
  status_rank      INTEGER GENERATED ALWAYS AS (CASE status
                     WHEN 'PENDING_PAYMENT' THEN 1 WHEN 'PROCESSING' THEN 2 WHEN 'COMPLETED' THEN 3
                     WHEN 'CANCELED' THEN 4 ELSE 99 END) VIRTUAL,
  wait_key         INTEGER GENERATED ALWAYS AS (coalesce(stage_since, 9007199254740991)) VIRTUAL
);

-- The raw JSON of each line exactly as received, one row per line, beside the parsed columns. Kept
-- out of order_lines so its rows stay narrow: at ~1 KB of JSON a line, list walks and index builds
-- would otherwise read five times the pages (measured once with a probe script that is not kept in the repository).
CREATE TABLE order_line_raw (
  id       INTEGER PRIMARY KEY REFERENCES order_lines (id) ON DELETE CASCADE ON UPDATE CASCADE,
  raw_json TEXT NOT NULL
);

-- Every list order is (field, id): one index walked forwards or backwards, stopping after one page.
-- A single-stage filter with a sort has its own composite index; status and stage filters use the
-- rank columns so one index serves both the filter and the sort.
CREATE INDEX order_lines_order          ON order_lines (order_id);
CREATE INDEX order_lines_status         ON order_lines (status_rank);
CREATE INDEX order_lines_stage          ON order_lines (stage_rank);
CREATE INDEX order_lines_wait           ON order_lines (wait_key);
CREATE INDEX order_lines_product        ON order_lines (product_name);
CREATE INDEX order_lines_customer       ON order_lines (customer_name, product_name);
CREATE INDEX order_lines_amount         ON order_lines (amount_minor);
-- (…, id, names): sorted like the list ("days waiting" then id) and covering the names, so a
-- "Waiting > 5 days" + text total is counted from the index alone (S5).
CREATE INDEX order_lines_stage_wait     ON order_lines (stage_rank, wait_key, id, product_name, customer_name);
CREATE INDEX order_lines_stage_amount   ON order_lines (stage_rank, amount_minor);
CREATE INDEX order_lines_stage_product  ON order_lines (stage_rank, product_name);
CREATE INDEX order_lines_stage_order    ON order_lines (stage_rank, order_id);
CREATE INDEX order_lines_appeal         ON order_lines (appeal_open) WHERE appeal_open = 1;

-- Trigram full-text indexes, so partial order numbers and Chinese product and
-- customer names match.
-- Order numbers: rowid = order_lines.id; contentless, written by the repository in the row's
-- transaction (order-line-write.ts); deletes follow through a trigger below. order_lines_fts2 holds
-- the number with every character doubled (order-no-key.ts), so a 2-character fragment is one
-- trigram there: no positions needed (detail = none keeps it small).
CREATE VIRTUAL TABLE order_lines_fts USING fts5 (
  order_no,
  content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE order_lines_fts2 USING fts5 (
  order_no2,
  content = '', contentless_delete = 1, detail = none, tokenize = 'trigram'
);

-- Product and customer names, distinct, with their line counts. Names have low cardinality, so a
-- search term is matched against these first (trigram index for 3+ characters, LIKE for shorter
-- words such as 迁移, 许可, which trigram cannot see — docs/architecture.md), then the lines of the
-- matching names are found through the name indexes of order_lines, with exact counts.
CREATE TABLE order_product_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, lines INTEGER NOT NULL);
CREATE TABLE order_customer_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, lines INTEGER NOT NULL);
CREATE VIRTUAL TABLE order_product_names_fts USING fts5 (name, content = 'order_product_names', content_rowid = 'id', tokenize = 'trigram');
CREATE VIRTUAL TABLE order_customer_names_fts USING fts5 (name, content = 'order_customer_names', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER order_product_names_ai AFTER INSERT ON order_product_names BEGIN
  INSERT INTO order_product_names_fts (rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER order_product_names_ad AFTER DELETE ON order_product_names BEGIN
  INSERT INTO order_product_names_fts (order_product_names_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER order_customer_names_ai AFTER INSERT ON order_customer_names BEGIN
  INSERT INTO order_customer_names_fts (rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER order_customer_names_ad AFTER DELETE ON order_customer_names BEGIN
  INSERT INTO order_customer_names_fts (order_customer_names_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;

-- Line counts by every combination the list filters on without text, so totals are not recounted
-- per keystroke (docs/architecture.md). stage '' = not supervised.
CREATE TABLE order_line_counts (
  status        TEXT    NOT NULL,
  stage         TEXT    NOT NULL,
  appeal_open   INTEGER NOT NULL,
  unsub_pending INTEGER NOT NULL,
  lines         INTEGER NOT NULL,
  PRIMARY KEY (status, stage, appeal_open, unsub_pending)
) WITHOUT ROWID;

-- The same counts per product name and per customer name, so "text + stage/quick filter" totals
-- are sums over the matching names, not counts over their lines. kind: 'p' product, 'c' customer.
CREATE TABLE order_name_counts (
  kind          TEXT    NOT NULL,
  stage         TEXT    NOT NULL,
  status        TEXT    NOT NULL,
  appeal_open   INTEGER NOT NULL,
  unsub_pending INTEGER NOT NULL,
  name          TEXT    NOT NULL,
  lines         INTEGER NOT NULL,
  PRIMARY KEY (kind, stage, status, appeal_open, unsub_pending, name)
) WITHOUT ROWID;

-- Triggers keep the count and name tables in the same transaction as the row change.
CREATE TRIGGER order_lines_ai AFTER INSERT ON order_lines BEGIN
  INSERT INTO order_product_names (name, lines) VALUES (new.product_name, 1)
    ON CONFLICT (name) DO UPDATE SET lines = lines + 1;
  INSERT INTO order_customer_names (name, lines) VALUES (new.customer_name, 1)
    ON CONFLICT (name) DO UPDATE SET lines = lines + 1;
  INSERT INTO order_line_counts (status, stage, appeal_open, unsub_pending, lines)
    VALUES (new.status, coalesce(new.stage, ''), new.appeal_open, new.unsub_pending, 1)
    ON CONFLICT DO UPDATE SET lines = lines + 1;
  INSERT INTO order_name_counts (kind, stage, status, appeal_open, unsub_pending, name, lines)
    VALUES ('p', coalesce(new.stage, ''), new.status, new.appeal_open, new.unsub_pending, new.product_name, 1),
           ('c', coalesce(new.stage, ''), new.status, new.appeal_open, new.unsub_pending, new.customer_name, 1)
    ON CONFLICT DO UPDATE SET lines = lines + 1;
END;

CREATE TRIGGER order_lines_ad AFTER DELETE ON order_lines BEGIN
  DELETE FROM order_lines_fts WHERE rowid = old.id;
  DELETE FROM order_lines_fts2 WHERE rowid = old.id;
  UPDATE order_product_names SET lines = lines - 1 WHERE name = old.product_name;
  UPDATE order_customer_names SET lines = lines - 1 WHERE name = old.customer_name;
  UPDATE order_line_counts SET lines = lines - 1
    WHERE status = old.status AND stage = coalesce(old.stage, '') AND appeal_open = old.appeal_open AND unsub_pending = old.unsub_pending;
  UPDATE order_name_counts SET lines = lines - 1
    WHERE kind = 'p' AND stage = coalesce(old.stage, '') AND status = old.status AND appeal_open = old.appeal_open
      AND unsub_pending = old.unsub_pending AND name = old.product_name;
  UPDATE order_name_counts SET lines = lines - 1
    WHERE kind = 'c' AND stage = coalesce(old.stage, '') AND status = old.status AND appeal_open = old.appeal_open
      AND unsub_pending = old.unsub_pending AND name = old.customer_name;
END;

CREATE TRIGGER order_lines_au_names AFTER UPDATE OF product_name, customer_name ON order_lines
WHEN old.product_name IS NOT new.product_name OR old.customer_name IS NOT new.customer_name
BEGIN
  UPDATE order_product_names SET lines = lines - 1 WHERE name = old.product_name;
  INSERT INTO order_product_names (name, lines) VALUES (new.product_name, 1)
    ON CONFLICT (name) DO UPDATE SET lines = lines + 1;
  UPDATE order_customer_names SET lines = lines - 1 WHERE name = old.customer_name;
  INSERT INTO order_customer_names (name, lines) VALUES (new.customer_name, 1)
    ON CONFLICT (name) DO UPDATE SET lines = lines + 1;
END;

CREATE TRIGGER order_lines_au_counts AFTER UPDATE OF status, stage, appeal_open, unsub_pending, product_name, customer_name ON order_lines
WHEN old.status IS NOT new.status OR old.stage IS NOT new.stage OR old.appeal_open IS NOT new.appeal_open
  OR old.unsub_pending IS NOT new.unsub_pending OR old.product_name IS NOT new.product_name OR old.customer_name IS NOT new.customer_name
BEGIN
  UPDATE order_line_counts SET lines = lines - 1
    WHERE status = old.status AND stage = coalesce(old.stage, '') AND appeal_open = old.appeal_open AND unsub_pending = old.unsub_pending;
  INSERT INTO order_line_counts (status, stage, appeal_open, unsub_pending, lines)
    VALUES (new.status, coalesce(new.stage, ''), new.appeal_open, new.unsub_pending, 1)
    ON CONFLICT DO UPDATE SET lines = lines + 1;
  UPDATE order_name_counts SET lines = lines - 1
    WHERE kind = 'p' AND stage = coalesce(old.stage, '') AND status = old.status AND appeal_open = old.appeal_open
      AND unsub_pending = old.unsub_pending AND name = old.product_name;
  UPDATE order_name_counts SET lines = lines - 1
    WHERE kind = 'c' AND stage = coalesce(old.stage, '') AND status = old.status AND appeal_open = old.appeal_open
      AND unsub_pending = old.unsub_pending AND name = old.customer_name;
  INSERT INTO order_name_counts (kind, stage, status, appeal_open, unsub_pending, name, lines)
    VALUES ('p', coalesce(new.stage, ''), new.status, new.appeal_open, new.unsub_pending, new.product_name, 1),
           ('c', coalesce(new.stage, ''), new.status, new.appeal_open, new.unsub_pending, new.customer_name, 1)
    ON CONFLICT DO UPDATE SET lines = lines + 1;
END;
