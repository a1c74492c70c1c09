-- Double opt-in: every confirmation e-mail requested for a customer (who asked, when, to which
-- address) and whether the person confirmed it. The grant itself goes into consent_ledger (source
-- double-opt-in) when the link is confirmed; this table is the audit of the requests and makes
-- each link usable once. No IP or user agent here: the ledger keeps those (cleared by erasure).
CREATE TABLE consent_confirmations (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  -- keyed hash of the address the link was mailed to (as in address_suppressions)
  address_hash VARCHAR(64) NOT NULL,
  requested_at BIGINT NOT NULL,
  -- the API key's name
  requested_by VARCHAR(100),
  expires_at BIGINT NOT NULL,
  -- sending, sent or failed
  outcome VARCHAR(10) NOT NULL,
  message_id VARCHAR(200),
  confirmed_at BIGINT
);
CREATE INDEX ix_consent_confirmations_customer ON consent_confirmations (customer_id, requested_at);
