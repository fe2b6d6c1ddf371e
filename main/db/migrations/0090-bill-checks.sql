-- Settlement bills open without reading a bill's JSON or all its lines (docs/rules.md B2a, B3, B5).
--
-- Rebuilt, same columns and rules, raw_json last in a rowid table. In the WITHOUT ROWID table of 0070 each revision's
-- JSON (0.7 MB for 2,000 lines) sat inside its key's B-tree cell, and SQLite reads a whole cell to compare keys: every
-- lookup of a revision by key — each bill line's foreign-key check, each row of the bill list — read all of it.
DROP TRIGGER bill_revisions_ai;
DROP TRIGGER bill_revisions_no_update;
DROP TRIGGER bill_revisions_no_delete;
DROP TRIGGER bill_lines_no_update;
DROP TRIGGER bill_lines_no_delete;

CREATE TABLE bill_revisions_new (
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
  received_at              INTEGER NOT NULL,
  raw_json                 TEXT    NOT NULL,                       -- B5: exactly as received; last, so reading the
                                                                   -- columns before it never reads it
  PRIMARY KEY (bill_id, revision)
);
INSERT INTO bill_revisions_new (bill_id, revision, billing_period, currency, status, generated_at, settlement_minor, refund_deductions_minor,
    deposit_deductions_minor, owed_by_seller_minor, net_payable_minor, line_count, received_at, raw_json)
  SELECT bill_id, revision, billing_period, currency, status, generated_at, settlement_minor, refund_deductions_minor,
    deposit_deductions_minor, owed_by_seller_minor, net_payable_minor, line_count, received_at, raw_json
  FROM bill_revisions ORDER BY bill_id, revision;

-- The lines move too, so that nothing refers to the old table when it goes (the foreign keys stay on).
CREATE TABLE bill_lines_new (
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
  FOREIGN KEY (bill_id, revision) REFERENCES bill_revisions_new (bill_id, revision)
) WITHOUT ROWID;
INSERT INTO bill_lines_new (bill_id, revision, line_no, order_id, order_line_id, kind, attributed_at, sales_minor, withholding_minor, fee_ratio,
    seller_taxes_minor, settlement_minor)
  SELECT bill_id, revision, line_no, order_id, order_line_id, kind, attributed_at, sales_minor, withholding_minor, fee_ratio,
    seller_taxes_minor, settlement_minor
  FROM bill_lines ORDER BY bill_id, revision, line_no;

DROP TABLE bill_lines;
DROP TABLE bill_revisions;
-- Renaming updates the lines' REFERENCES clause to the new name.
ALTER TABLE bill_revisions_new RENAME TO bill_revisions;
ALTER TABLE bill_lines_new RENAME TO bill_lines;
CREATE INDEX bill_revisions_period ON bill_revisions (billing_period, currency);
CREATE INDEX bill_lines_order_line ON bill_lines (order_line_id);

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

-- What opening a bill needs, derived: per archived revision the
-- sums its totals are recomputed from and which lines do not match B2a, and per revision the diff against the
-- revision stored before it. All of it is derived from the archive (bill_revisions, bill_lines) when a revision is
-- stored, and derived again whenever it is missing (a database archived before this table, one recovered without
-- it) or out of date (a lower revision received after a higher one): nothing here is evidence, so none of it is
-- guarded like the archive.
CREATE TABLE bill_checks (
  bill_id          TEXT    NOT NULL,
  revision         INTEGER NOT NULL,
  earning_lines    INTEGER NOT NULL,                              -- purchase, renewal, pay-per-use
  earning_minor    INTEGER NOT NULL,
  refund_lines     INTEGER NOT NULL,
  refund_minor     INTEGER NOT NULL,                              -- positive: the refunds without their sign
  mismatched_lines INTEGER NOT NULL,                              -- B2a
  PRIMARY KEY (bill_id, revision)
) WITHOUT ROWID;

-- The lines whose settlement amount is not what B2a gives (few, usually none), with what B2a gives.
CREATE TABLE bill_line_mismatches (
  bill_id        TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  line_no        INTEGER NOT NULL,
  expected_minor INTEGER NOT NULL,
  PRIMARY KEY (bill_id, revision, line_no)
) WITHOUT ROWID;

-- B5: revision `revision` against `from_revision`, the highest stored below it when this row was written. A rowid
-- table, the diff last: a diff can be large, and a key lookup must not read it.
CREATE TABLE bill_changes (
  bill_id       TEXT    NOT NULL,
  revision      INTEGER NOT NULL,
  from_revision INTEGER NOT NULL,
  change_json   TEXT    NOT NULL,                                 -- "revision N — what changed" (small)
  diff_json     TEXT    NOT NULL,                                 -- the whole diff
  PRIMARY KEY (bill_id, revision)
);

-- B3 reads a revision's refunds in line order; only refund lines are indexed.
CREATE INDEX bill_lines_refunds ON bill_lines (bill_id, revision, line_no) WHERE kind = 'refund';
