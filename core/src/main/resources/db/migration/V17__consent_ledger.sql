-- Consent as an append-only ledger of statements; the current state on customers is derived from
-- it (ConsentLedger writes both in one transaction). Withdrawal wins: see docs/campaigns.md.

CREATE TABLE consent_ledger (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  -- email; room for other channels
  channel VARCHAR(20) NOT NULL,
  -- NULL: all marketing on the channel; else one topic (newsletter, offers, household, ...)
  topic VARCHAR(40),
  granted BOOLEAN NOT NULL,
  -- when the person made the statement (as the source says), and when we recorded it
  stated_at BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  -- api, import, unsubscribe-link, one-click, preference-centre, double-opt-in, complaint, bounce,
  -- admin
  source VARCHAR(30) NOT NULL,
  -- a token, a campaign id, an event id, the shop's own source text
  evidence VARCHAR(500),
  -- where a person acted: their address and browser (cleared by erasure)
  ip VARCHAR(64),
  user_agent VARCHAR(500),
  -- false: recorded but not applied (withdrawn or suppressed, or older than the state on record)
  applied BOOLEAN NOT NULL,
  -- why it was not applied, an admin's reason, or a preference such as the frequency chosen
  note VARCHAR(500)
);
CREATE INDEX ix_consent_ledger_customer ON consent_ledger (customer_id, id);

-- The derived state: none (never granted), granted, withdrawn. email_consent stays the flag that
-- segments and delivery read (granted = TRUE); consent_at is when the latest applied statement
-- was made, consent_source its source.
ALTER TABLE customers ADD COLUMN consent_state VARCHAR(12) NOT NULL DEFAULT 'none';
-- A lower frequency the person chose in the preference centre: weekly or monthly (NULL: any).
ALTER TABLE customers ADD COLUMN email_frequency VARCHAR(10);
UPDATE customers SET consent_state = CASE WHEN email_consent = TRUE THEN 'granted'
  WHEN consent_source = 'unsubscribe' THEN 'withdrawn' ELSE 'none' END;
UPDATE customers SET consent_source = 'unsubscribe-link' WHERE consent_source = 'unsubscribe';

-- The consent each customer had before the ledger, as its first statement.
INSERT INTO consent_ledger (customer_id, channel, topic, granted, stated_at, recorded_at, source,
  evidence, applied, note)
SELECT id, 'email', NULL, email_consent, consent_at, consent_at,
  CASE WHEN consent_source = 'unsubscribe-link' THEN 'unsubscribe-link' ELSE 'api' END,
  consent_source, TRUE, 'carried over from the consent columns'
FROM customers WHERE consent_at IS NOT NULL;

-- Per topic: a row only once a statement about the topic was applied; no row means the topic
-- follows the channel's state.
CREATE TABLE consent_topics (
  customer_id BIGINT NOT NULL,
  channel VARCHAR(20) NOT NULL,
  topic VARCHAR(40) NOT NULL,
  granted BOOLEAN NOT NULL,
  stated_at BIGINT NOT NULL,
  source VARCHAR(30) NOT NULL,
  PRIMARY KEY (customer_id, channel, topic)
);
-- A segment's topic_consent rule reads who left one topic.
CREATE INDEX ix_consent_topics_topic ON consent_topics (topic, channel, granted);

-- Addresses never mailed again, as a keyed hash (HMAC-SHA-256 of the trimmed, lower-cased
-- address) so that the entry survives the erasure of the person: unsubscribes, complaints and
-- hard bounces. Replaces email_suppressions (plain addresses; moved here at startup).
CREATE TABLE address_suppressions (
  address_hash VARCHAR(64) PRIMARY KEY,
  -- unsubscribed, complained, bounced, soft-bounced, admin
  reason VARCHAR(20) NOT NULL,
  detail VARCHAR(500),
  campaign_id BIGINT,
  created_at BIGINT NOT NULL
);
