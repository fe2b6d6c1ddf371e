-- The first sync's staging table (0130, order-incoming.ts) keyed by arrival instead of by the id the line will have:
-- the feed comes in commit order, not placement order, so inserting ~2 KB rows by placement id split a page almost
-- every row and rewrote several pages per row in every page's transaction (measured: a first sync of 30,000 lines
-- wrote 839 MB to disk keyed by placement id, 497 MB appended in arrival order). Appended, each row is written about
-- once; the id in order_lines stays allocated as before, in its own column with a small unique index, and the move
-- walks that index.
CREATE TABLE order_lines_incoming_by_arrival (
  seq           INTEGER PRIMARY KEY,      -- arrival order: every page appends
  id            INTEGER NOT NULL UNIQUE,  -- the id the line will have in order_lines (placement order)
  order_line_id TEXT    NOT NULL UNIQUE,
  version       INTEGER NOT NULL,
  placed_at     INTEGER NOT NULL,
  cols          TEXT    NOT NULL,   -- the columns but raw_json, as JSON
  raw_json      TEXT    NOT NULL    -- the item as received (not nested in cols: no second escaping of 1 KB)
);
-- Lines a first sync interrupted before this version staged move on with the new table.
INSERT INTO order_lines_incoming_by_arrival (id, order_line_id, version, placed_at, cols, raw_json)
  SELECT id, order_line_id, version, placed_at, cols, raw_json FROM order_lines_incoming ORDER BY id;
DROP TABLE order_lines_incoming;
ALTER TABLE order_lines_incoming_by_arrival RENAME TO order_lines_incoming;
