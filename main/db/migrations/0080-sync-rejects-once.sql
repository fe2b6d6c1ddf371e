-- Rejected feed items are kept once each, bounded (docs/architecture.md "Security"): a malformed item the
-- marketplace sends again on every run is one row per (feed, item_key), counted in `times`; item_json keeps at most
-- 64 KiB of the item; the table keeps the 1,000 most recent. item_id names the item (order line or bill) for display.
ALTER TABLE sync_rejects ADD COLUMN item_key TEXT;
ALTER TABLE sync_rejects ADD COLUMN item_id TEXT;
ALTER TABLE sync_rejects ADD COLUMN times INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sync_rejects ADD COLUMN first_at INTEGER;

-- Rows from before: the same item stored again and again becomes its latest row, with how often and since when.
UPDATE sync_rejects SET times = g.n, first_at = g.first
  FROM (SELECT max(id) AS keep, count(*) AS n, min(at) AS first FROM sync_rejects GROUP BY feed, item_json) AS g
  WHERE sync_rejects.id = g.keep;
DELETE FROM sync_rejects WHERE first_at IS NULL;
DELETE FROM sync_rejects WHERE id NOT IN (SELECT id FROM sync_rejects ORDER BY at DESC, id DESC LIMIT 1000);
UPDATE sync_rejects SET item_json = json_object('truncatedFromBytes', length(CAST(item_json AS BLOB)), 'head', substr(item_json, 1, 65536))
  WHERE length(CAST(item_json AS BLOB)) > 65536;
UPDATE sync_rejects SET item_key = 'legacy:' || id,
  item_id = CASE WHEN json_valid(item_json) AND json_type(item_json) = 'object'
                 THEN coalesce(json_extract(item_json, '$.orderLineId'), json_extract(item_json, '$.billId')) END;

CREATE UNIQUE INDEX sync_rejects_item ON sync_rejects (feed, item_key);
