-- A first sync into an empty cache (order-incoming.ts): its pages land here, one row per line with the columns the
-- repository would write, keyed by the id the line will have in order_lines (placement order). When the
-- feed is done the lines move into order_lines in id order with the secondary indexes, triggers and trigram tables
-- dropped, and those are built once afterwards (order-bulk.ts) instead of per row. Until then order_lines and
-- everything that reads it stay as they were: no query ever meets a dropped index. A crash leaves the received pages
-- here; the next open moves them (connection.ts).
CREATE TABLE order_lines_incoming (
  id            INTEGER PRIMARY KEY,
  order_line_id TEXT    NOT NULL UNIQUE,
  version       INTEGER NOT NULL,
  placed_at     INTEGER NOT NULL,
  cols          TEXT    NOT NULL,   -- the columns but raw_json, as JSON
  raw_json      TEXT    NOT NULL    -- the item as received (not nested in cols: no second escaping of 1 KB)
);
