-- Opens, clicks and unsubscribes arriving through signed tracking links, one row per hit.
-- Probable bots (link scanners, hits within seconds of delivery) are kept, flagged, so that the
-- engagement figures can leave them out and the flagging can be audited.
CREATE TABLE tracking_events (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  campaign_id BIGINT NOT NULL,
  recipient_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  -- open, click, unsubscribe
  kind VARCHAR(20) NOT NULL,
  -- the product's external id and the slot it was shown in (clicks only)
  item_id VARCHAR(100),
  slot VARCHAR(20),
  user_agent VARCHAR(500),
  -- a keyed hash of the client's address: distinguishes clients without storing the address
  ip_hash VARCHAR(64),
  probable_bot BOOLEAN NOT NULL DEFAULT FALSE,
  occurred_at BIGINT NOT NULL
);
CREATE INDEX ix_tracking_events_campaign ON tracking_events (campaign_id, kind);
CREATE INDEX ix_tracking_events_recipient ON tracking_events (recipient_id);
