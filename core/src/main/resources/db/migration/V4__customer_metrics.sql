-- Customer value: one row per customer with purchases, recomputed as events arrive and in full on
-- demand. Segments filter on these columns, so they are plain typed columns, not JSON.
CREATE TABLE customer_metrics (
  customer_id BIGINT PRIMARY KEY,
  first_purchase_at BIGINT,
  last_purchase_at BIGINT,
  orders INT NOT NULL DEFAULT 0,
  revenue DECIMAL(14, 2) NOT NULL DEFAULT 0,
  avg_order_value DECIMAL(12, 2),
  r_score TINYINT,
  f_score TINYINT,
  m_score TINYINT,
  rfm_segment VARCHAR(30),
  historic_clv DECIMAL(14, 2),
  predicted_clv_12m DECIMAL(14, 2),
  churn_probability DOUBLE,
  top_categories VARCHAR(500),
  preferred_channel VARCHAR(20),
  last_campaign_response VARCHAR(20),
  last_campaign_response_at BIGINT,
  computed_at BIGINT NOT NULL
);

-- Added with the customer-value code (columns are only ever added, never renamed: segment rules
-- are written against them). Times and durations are as of the row's as_of.
ALTER TABLE customer_metrics ADD COLUMN as_of BIGINT;
ALTER TABLE customer_metrics ADD COLUMN recency_days INT;
ALTER TABLE customer_metrics ADD COLUMN tenure_days INT;
ALTER TABLE customer_metrics ADD COLUMN purchase_days INT NOT NULL DEFAULT 0;
ALTER TABLE customer_metrics ADD COLUMN expected_purchases_12m DOUBLE;
ALTER TABLE customer_metrics ADD COLUMN p_alive DOUBLE;
ALTER TABLE customer_metrics ADD COLUMN last_campaign_id BIGINT;
CREATE INDEX ix_customer_metrics_segment ON customer_metrics (rfm_segment);
CREATE INDEX ix_customer_metrics_revenue ON customer_metrics (revenue);
CREATE INDEX ix_customer_metrics_historic_clv ON customer_metrics (historic_clv);
CREATE INDEX ix_customer_metrics_predicted_clv ON customer_metrics (predicted_clv_12m);
CREATE INDEX ix_customer_metrics_last_purchase ON customer_metrics (last_purchase_at);

-- What each full run learned from the whole population: quintile cut points (four numbers,
-- comma-separated) and the fitted BG/NBD and Gamma-Gamma parameters. Incremental updates score
-- with the latest row until the next full run.
CREATE TABLE customer_value_runs (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  as_of BIGINT NOT NULL,
  customers INT NOT NULL,
  buyers INT NOT NULL,
  recency_cuts VARCHAR(200) NOT NULL,
  frequency_cuts VARCHAR(200) NOT NULL,
  monetary_cuts VARCHAR(200) NOT NULL,
  bgnbd_r DOUBLE,
  bgnbd_alpha DOUBLE,
  bgnbd_a DOUBLE,
  bgnbd_b DOUBLE,
  gg_p DOUBLE,
  gg_q DOUBLE,
  gg_gamma DOUBLE,
  started_at BIGINT NOT NULL,
  finished_at BIGINT NOT NULL
);
