-- Settlement bills (docs/rules.md B2, B5; docs/marketplace-api.md "Feeds" → Bill). The archive is append-only:
-- one row per (bill_id, revision) with the JSON exactly as received beside the parsed columns; a corrected bill
-- from the marketplace is a new revision stored beside the old ones; triggers refuse to change or delete one.
CREATE TABLE bill_revisions (
  bill_id                  TEXT    NOT NULL,
  revision                 INTEGER NOT NULL CHECK (revision > 0),
  billing_period           TEXT    NOT NULL,                       -- YYYYMM
  currency                 TEXT    NOT NULL,
  status                   TEXT    NOT NULL,                       -- PENDING_APPROVAL | APPROVED | PAID
  generated_at             INTEGER NOT NULL,                       -- O4: UTC ms
  -- B2 totals, O3: integer minor units
  settlement_minor         INTEGER NOT NULL,
  refund_deductions_minor  INTEGER NOT NULL,
  deposit_deductions_minor INTEGER NOT NULL,
  owed_by_seller_minor     INTEGER NOT NULL,
  net_payable_minor        INTEGER NOT NULL,
  line_count               INTEGER NOT NULL,
  raw_json                 TEXT    NOT NULL,                       -- B5: exactly as received
  received_at              INTEGER NOT NULL,
  PRIMARY KEY (bill_id, revision)
) WITHOUT ROWID;
CREATE INDEX bill_revisions_period ON bill_revisions (billing_period, currency);

-- The lines of each revision, in the order received (line_no from 1), amounts in minor units (the ratio as
-- received: it is exact only as a decimal string).
CREATE TABLE bill_lines (
  bill_id            TEXT    NOT NULL,
  revision           INTEGER NOT NULL,
  line_no            INTEGER NOT NULL,
  order_id           TEXT    NOT NULL,
  order_line_id      TEXT    NOT NULL,
  kind               TEXT    NOT NULL,                             -- purchase | renewal | payPerUse | refund
  attributed_at      INTEGER NOT NULL,                             -- B1
  sales_minor        INTEGER NOT NULL,
  withholding_minor  INTEGER NOT NULL,
  fee_ratio          TEXT    NOT NULL,
  seller_taxes_minor INTEGER NOT NULL,
  settlement_minor   INTEGER NOT NULL,
  PRIMARY KEY (bill_id, revision, line_no),
  FOREIGN KEY (bill_id, revision) REFERENCES bill_revisions (bill_id, revision)
) WITHOUT ROWID;
CREATE INDEX bill_lines_order_line ON bill_lines (order_line_id);

-- One row per bill: which revision is the latest (the highest received — a lower revision arriving later never
-- replaces it) and how many are stored. Kept by a trigger in the transaction that stores a revision.
CREATE TABLE bills (
  bill_id         TEXT    NOT NULL PRIMARY KEY,
  latest_revision INTEGER NOT NULL,
  revision_count  INTEGER NOT NULL,
  billing_period  TEXT    NOT NULL,
  currency        TEXT    NOT NULL,
  first_seen_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX bills_period ON bills (billing_period, currency);

CREATE TRIGGER bill_revisions_ai AFTER INSERT ON bill_revisions BEGIN
  INSERT INTO bills (bill_id, latest_revision, revision_count, billing_period, currency, first_seen_at)
    VALUES (new.bill_id, new.revision, 1, new.billing_period, new.currency, new.received_at)
    ON CONFLICT (bill_id) DO UPDATE SET
      revision_count = revision_count + 1,
      billing_period = CASE WHEN excluded.latest_revision > latest_revision THEN excluded.billing_period ELSE billing_period END,
      currency       = CASE WHEN excluded.latest_revision > latest_revision THEN excluded.currency ELSE currency END,
      latest_revision = max(latest_revision, excluded.latest_revision);
END;

-- B5: an archived bill is never changed in place.
CREATE TRIGGER bill_revisions_no_update BEFORE UPDATE ON bill_revisions BEGIN
  SELECT RAISE(ABORT, 'B5: a stored bill revision is never changed');
END;
CREATE TRIGGER bill_revisions_no_delete BEFORE DELETE ON bill_revisions BEGIN
  SELECT RAISE(ABORT, 'B5: a stored bill revision is never deleted');
END;
CREATE TRIGGER bill_lines_no_update BEFORE UPDATE ON bill_lines BEGIN
  SELECT RAISE(ABORT, 'B5: a stored bill line is never changed');
END;
CREATE TRIGGER bill_lines_no_delete BEFORE DELETE ON bill_lines BEGIN
  SELECT RAISE(ABORT, 'B5: a stored bill line is never deleted');
END;

-- The seller's account (docs/marketplace-api.md "Reference data"): B4 needs businessInfoCertified, B3 the deposit.
-- A new row when anything changed, else checked_at moves: the history says what the deposit was when.
CREATE TABLE account_snapshots (
  id                      INTEGER PRIMARY KEY,
  seller_id               TEXT    NOT NULL,
  seller_name             TEXT    NOT NULL,
  business_info_certified INTEGER NOT NULL CHECK (business_info_certified IN (0, 1)),
  deposit_minor           INTEGER NOT NULL,
  deposit_currency        TEXT    NOT NULL,
  raw_json                TEXT    NOT NULL,
  fetched_at              INTEGER NOT NULL,                         -- first fetched with these values
  checked_at              INTEGER NOT NULL                          -- last fetched with these values
);
CREATE INDEX account_snapshots_fetched ON account_snapshots (fetched_at);
