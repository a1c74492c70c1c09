-- A customer's latest events, as the recommendations read them at query time, from the index
-- alone: in the order the query asks for (newest first, ties by id) and with the columns it reads,
-- so the database makes no lookup into the table per event. It takes the place of
-- ix_events_customer_time, whose columns it starts with (docs/benchmarks.md, "Recommendations over
-- HTTP").
CREATE INDEX ix_events_customer_history ON events (customer_id, occurred_at, id, type, product_id);
DROP INDEX ix_events_customer_time ON events;
