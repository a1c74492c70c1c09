-- Offers shown to customers, for exposure caps (the same offer at most N times in D days).
CREATE TABLE offer_exposures (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  customer_id VARCHAR(100) NOT NULL,
  item_id VARCHAR(100) NOT NULL,
  shown_at BIGINT NOT NULL
);
CREATE INDEX ix_offer_exposures_customer ON offer_exposures (customer_id, shown_at);
