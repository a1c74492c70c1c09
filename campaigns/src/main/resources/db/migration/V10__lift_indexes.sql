-- The lift report counts a campaign's clicks (click events carrying its id) without scanning every
-- event: per-item click figures then cost what the clicks cost, not the size of the events table.
CREATE INDEX ix_events_campaign ON events (campaign_id, type);
