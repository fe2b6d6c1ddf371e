-- Delivery templates (docs/rules.md P1, docs/marketplace-api.md "Reference data"). Every version is kept:
-- a draft records the template version it was filled against, so an older one must stay readable.
CREATE TABLE delivery_templates (
  product_id       TEXT    NOT NULL,
  template_version INTEGER NOT NULL,
  etag             TEXT,
  -- The items as validated by the wire schema, and the JSON exactly as received (docs/architecture.md "Data").
  items_json       TEXT    NOT NULL,
  raw_json         TEXT    NOT NULL,
  fetched_at       INTEGER NOT NULL,
  PRIMARY KEY (product_id, template_version)
) WITHOUT ROWID;

-- The highest templateVersion any synced order line of a product refers to, kept in the same
-- transaction as the feed page, so deciding which templates to fetch never scans order_lines.
CREATE TABLE template_refs (
  product_id  TEXT    NOT NULL PRIMARY KEY,
  max_version INTEGER NOT NULL
) WITHOUT ROWID;
