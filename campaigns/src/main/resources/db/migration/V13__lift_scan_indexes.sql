-- The lift report's scans read indexes only (docs/lift.md, "Attribution").
-- The period's purchases also serve the purchases of clicked items, hence product_id.
DROP INDEX ix_events_type_time ON events;
CREATE INDEX ix_events_type_time ON events (type, occurred_at, customer_id, product_id, quantity, unit_price, order_id);
-- A campaign's clicks with who clicked what and when, without a primary-key lookup per click.
DROP INDEX ix_events_campaign ON events;
CREATE INDEX ix_events_campaign ON events (campaign_id, type, customer_id, product_id, occurred_at);
-- A buyer's recipient row (arm, window start: sent_at, else due_at for a trigger's firing) without
-- a primary-key lookup per purchase.
CREATE INDEX ix_campaign_recipients_buyer ON campaign_recipients (campaign_id, customer_id, arm, sent_at, due_at);
