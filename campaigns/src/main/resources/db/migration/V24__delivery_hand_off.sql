-- Crash-safe hand-off (docs/campaigns.md, "Guarantees"). Just before a claimed recipient's message
-- is handed to the SMTP server, its row gets handed_at (and its Message-ID) in a small commit of its
-- own; the server's reply is recorded in another right after. After a crash only claimed rows with
-- handed_at (at most one per connection) become 'ambiguous'; claimed rows without it were never
-- handed over and go back to 'pending'. handed_at is in no index, so the mark costs a commit, not
-- index updates. It is also a settled row's sent_at.
ALTER TABLE campaign_recipients ADD COLUMN handed_at BIGINT;
-- An operator's decision about an ambiguous row: 'resend' or 'settled', by whom (the API key's
-- name) and when. The audit log has the same, per action.
ALTER TABLE campaign_recipients ADD COLUMN resolution VARCHAR(20);
ALTER TABLE campaign_recipients ADD COLUMN resolved_by VARCHAR(100);
ALTER TABLE campaign_recipients ADD COLUMN resolved_at BIGINT;
