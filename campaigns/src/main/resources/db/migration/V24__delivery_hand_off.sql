-- Crash-safe hand-off (docs/campaigns.md, "Guarantees: at most once"). A recipient's row becomes
-- 'sending' in a small transaction of its own just before its message is handed to the SMTP server
-- (its Message-ID stored then), and leaves 'sending' once the server's reply is recorded. After a
-- crash only 'sending' rows (at most one per connection) become 'ambiguous'; rows still 'claimed'
-- were never handed over and go back to 'pending'.
-- handed_at: when the message was last handed to the SMTP server (a settled row's sent_at).
ALTER TABLE campaign_recipients ADD COLUMN handed_at BIGINT;
-- An operator's decision about an ambiguous row: 'resend' or 'settled', by whom (the API key's
-- name) and when. The audit log has the same, per action.
ALTER TABLE campaign_recipients ADD COLUMN resolution VARCHAR(20);
ALTER TABLE campaign_recipients ADD COLUMN resolved_by VARCHAR(100);
ALTER TABLE campaign_recipients ADD COLUMN resolved_at BIGINT;
-- A dead worker's rows are found by its id, whatever their campaign's status (a cancelled
-- campaign's claims too), without reading the table.
CREATE INDEX ix_campaign_recipients_worker ON campaign_recipients (claimed_by, state);
