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
