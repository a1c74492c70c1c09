-- Indexes of the lift report (docs/lift.md, "Attribution"); each keeps one of its queries from
-- reading a whole table.
-- Purchases of a campaign's period, found by time rather than recipient by recipient, and read from
-- the index alone (every column attribution needs is in it): without the last four columns each
-- purchase costs a primary-key lookup, 5x slower at a million recipients (docs/benchmarks.md).
CREATE INDEX ix_events_type_time ON events (type, occurred_at, customer_id, quantity, unit_price, order_id);
-- A campaign's clicks (click events carrying its id).
CREATE INDEX ix_events_campaign ON events (campaign_id, type);
-- Recipients per arm, read from the index alone.
CREATE INDEX ix_campaign_recipients_arm ON campaign_recipients (campaign_id, arm);
-- The last send of a campaign, where the last attribution window starts.
CREATE INDEX ix_campaign_recipients_sent ON campaign_recipients (campaign_id, sent_at);
