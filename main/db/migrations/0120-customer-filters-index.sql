-- O1 search under a filter: a customer-name term with a stage, status or quick filter ("Contoso" + one stage,
-- "科技" + "Needs action"). The customer index also carries the filter columns the counters keep (stage_rank,
-- status_rank, appeal_open, unsub_pending; not the S5 threshold, not dates), so the lines matching the names AND
-- the filters are found in the index alone: only the matching rows are read, not every line of those customers.
-- customer_name, product_name stay its prefix: "杭州 迁移" (a customer and a product term) still seeks both.
DROP INDEX order_lines_customer;
CREATE INDEX order_lines_customer ON order_lines (customer_name, product_name, stage_rank, status_rank, appeal_open, unsub_pending);
