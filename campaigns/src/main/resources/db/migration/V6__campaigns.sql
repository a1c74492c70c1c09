-- Campaigns and their recipients. A recipient row is the unit of delivery and of attribution:
-- its arm (a variant name or 'control') is recorded once, at launch, and never changes.
CREATE TABLE campaigns (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  -- email: sent by us; external: sent by another tool, recipients imported for the lift report;
  -- trigger: a household trigger's rolling campaign.
  kind VARCHAR(20) NOT NULL,
  -- draft, scheduled, running, paused, cancelled, finished
  status VARCHAR(20) NOT NULL,
  segment_id BIGINT,
  snapshot_id BIGINT,
  from_address VARCHAR(320),
  from_name VARCHAR(200),
  -- JSON list of variants: [{"name": "A", "templateId": 1, "templateVersion": 2, "weight": 50}]
  variants TEXT,
  control_percent DECIMAL(5, 2) NOT NULL DEFAULT 0,
  assignment_seed BIGINT NOT NULL,
  household_assignment BOOLEAN NOT NULL DEFAULT FALSE,
  attribution_days INT NOT NULL,
  send_rate_per_second DECIMAL(10, 2),
  scheduled_at BIGINT,
  started_at BIGINT,
  finished_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE campaign_recipients (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  campaign_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  -- a variant name, or 'control' for the held-out group
  arm VARCHAR(40) NOT NULL,
  -- pending, claimed, sent, bounced, failed, suppressed, ambiguous, control
  state VARCHAR(20) NOT NULL,
  claimed_by VARCHAR(100),
  claimed_at BIGINT,
  -- names one claimed batch, so a worker reads back exactly the rows its UPDATE took
  claim_token VARCHAR(40),
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT,
  message_id VARCHAR(255),
  -- when the message was accepted by the SMTP server (the attribution window starts here for
  -- treatment; for control and external campaigns it starts at the campaign's started_at)
  sent_at BIGINT,
  -- why a recipient was suppressed, bounced, failed or became ambiguous
  error VARCHAR(500),
  CONSTRAINT uq_campaign_recipients UNIQUE (campaign_id, customer_id)
);
-- Claims read pending rows of a campaign; progress counts states and the recently sent.
CREATE INDEX ix_campaign_recipients_state ON campaign_recipients (campaign_id, state, sent_at);
CREATE INDEX ix_campaign_recipients_customer ON campaign_recipients (customer_id);

-- Addresses that must never receive mail again: hard bounces (a 5xx reply) and complaints.
-- Addresses are stored lower-case; delivery compares LOWER(customers.email).
CREATE TABLE email_suppressions (
  email VARCHAR(320) PRIMARY KEY,
  -- bounced or complained
  reason VARCHAR(20) NOT NULL,
  detail VARCHAR(500),
  campaign_id BIGINT,
  created_at BIGINT NOT NULL
);

-- Sending processes and their heartbeats. A recipient claimed by a worker whose heartbeat has
-- lapsed may or may not have been sent: it becomes 'ambiguous' and is never resent automatically.
CREATE TABLE delivery_workers (
  id VARCHAR(100) PRIMARY KEY,
  host VARCHAR(200),
  started_at BIGINT NOT NULL,
  heartbeat_at BIGINT NOT NULL
);
