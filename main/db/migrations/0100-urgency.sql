-- S7 urgency and currency-aware amounts on the Service Supervision list.
--
-- S5b: rejection counts as columns (the list shows "appeal possible" after 3, S7), filled from the raw JSON kept
-- beside each line; from now on the repository writes them with the row (order-line-row.ts).
ALTER TABLE order_lines ADD COLUMN request_rejections  INTEGER NOT NULL DEFAULT 0;
ALTER TABLE order_lines ADD COLUMN delivery_rejections INTEGER NOT NULL DEFAULT 0;
UPDATE order_lines
   SET request_rejections  = coalesce(json_extract(r.raw_json, '$.supervision.requestRejections'), 0),
       delivery_rejections = coalesce(json_extract(r.raw_json, '$.supervision.deliveryRejections'), 0)
  FROM order_line_raw r
 WHERE r.id = order_lines.id AND json_extract(r.raw_json, '$.supervision') IS NOT NULL;

-- S7 "most urgent first" as one integer that does not depend on the current time, so it is kept in an index
-- on every write and a walk of that index stops after one page (no per-query computation on 1,000,000 lines).
-- Mirrors urgencySortKey (common/domain/urgency.ts; a test holds the two equal). Ascending = more urgent:
--   open and not frozen:  day * 2 + side   (day = the UTC+8 day of the last move, older first; side 0 = waiting
--                                           on the seller: S3 stages or a pending refund request, S5c; 1 = customer)
--   frozen by an appeal:  2^25 + day * 2   (S5a: nobody can act)
--   finished or not supervised: 2^26       (S2, S6)
-- Ties go by id (= placement order), like every list order.
ALTER TABLE order_lines ADD COLUMN urgency_key INTEGER GENERATED ALWAYS AS (CASE
    WHEN stage IS NULL OR stage NOT IN ('awaiting_request', 'request_pending', 'request_returned',
                                        'awaiting_delivery', 'delivery_returned', 'awaiting_acceptance') THEN 67108864
    WHEN appeal_open = 1 THEN 33554432 + ((coalesce(stage_since, 0) + 28800000) / 86400000) * 2
    ELSE ((coalesce(stage_since, 0) + 28800000) / 86400000) * 2
       + CASE WHEN unsub_pending = 1 OR stage IN ('request_pending', 'awaiting_delivery', 'delivery_returned') THEN 0 ELSE 1 END
  END) VIRTUAL;
CREATE INDEX order_lines_urgency ON order_lines (urgency_key);

-- O3: amounts sort within their currency (currency, then amount), never one raw number across CNY and USD.
DROP INDEX order_lines_amount;
CREATE INDEX order_lines_amount ON order_lines (currency, amount_minor);
DROP INDEX order_lines_stage_amount;
CREATE INDEX order_lines_stage_amount ON order_lines (stage_rank, currency, amount_minor);
