-- Delivery reports that arrive after the SMTP conversation: hard and soft bounces, complaints and
-- deliveries, from provider webhooks (POST /api/deliverability/events) and from DSNs and ARF
-- reports read from the bounce mailbox. Every report received is kept (soft bounces are counted
-- from here); the address only as its keyed hash (AddressHasher), so the row survives erasure.
CREATE TABLE delivery_reports (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  -- hard-bounce, soft-bounce, complaint, delivered
  kind VARCHAR(20) NOT NULL,
  -- the keyed hash of the trimmed, lower-cased address; NULL when the report named none
  address_hash VARCHAR(64),
  -- the campaign recipient it matched, if any
  campaign_id BIGINT,
  recipient_id BIGINT,
  -- how it matched: verp, message-id, address; NULL when it matched nothing
  matched_by VARCHAR(20),
  -- generic, ses, postmark, mailgun, dsn, arf
  provider VARCHAR(20) NOT NULL,
  -- the provider's id of the event (SES feedbackId, Postmark ID, the DSN's Message-ID, ...)
  provider_event_id VARCHAR(200),
  -- the diagnostic, with addresses blanked out
  detail VARCHAR(500),
  occurred_at BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  -- SHA-256 of what identifies the report (provider, event id, kind, address hash, Message-ID,
  -- VERP token, time): the same report received twice is recorded once
  dedup_key VARCHAR(64) NOT NULL,
  CONSTRAINT uq_delivery_reports_dedup UNIQUE (dedup_key)
);
-- Soft bounces of an address in the window; the reports of a recipient.
CREATE INDEX ix_delivery_reports_address ON delivery_reports (address_hash, kind, occurred_at);
CREATE INDEX ix_delivery_reports_recipient ON delivery_reports (recipient_id);

-- A report that names our Message-ID finds its recipient through this index.
CREATE INDEX ix_campaign_recipients_message ON campaign_recipients (message_id);
