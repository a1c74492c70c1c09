-- Segments: a saved rule tree, versioned. Updating a segment adds a version; old versions stay, so
-- a snapshot (and the campaign that used it) can always say which rules selected its audience.
CREATE TABLE segments (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  current_version INT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE segment_versions (
  segment_id BIGINT NOT NULL,
  version INT NOT NULL,
  name VARCHAR(200) NOT NULL,
  description VARCHAR(2000),
  -- the rule tree as JSON, exactly as validated; compiled to SQL with bound parameters when used
  definition TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (segment_id, version)
);

-- Frozen audiences: the customers a segment selected at one moment, which a campaign then uses.
CREATE TABLE segment_snapshots (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  segment_id BIGINT NOT NULL,
  segment_version INT NOT NULL,
  size INT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX ix_segment_snapshots_segment ON segment_snapshots (segment_id);

CREATE TABLE segment_snapshot_members (
  snapshot_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  PRIMARY KEY (snapshot_id, customer_id)
);

-- Behaviour facts, derived from events so that behaviour rules need not scan them: per customer,
-- the last purchase in each category prefix (kind 'category', key 'Home', 'Home/Kitchen', ...)
-- and the last campaign open and click (kinds 'open', 'click', key ''). Brought up to date from
-- the events table before every segment query (see PurchaseFacts); rebuilt in full on demand.
CREATE TABLE segment_facts (
  kind VARCHAR(10) NOT NULL,
  fact_key VARCHAR(255) NOT NULL,
  customer_id BIGINT NOT NULL,
  last_at BIGINT NOT NULL,
  -- when the row last changed, so that the in-memory counter can read only what changed
  changed_at BIGINT NOT NULL,
  PRIMARY KEY (kind, fact_key, customer_id)
);
CREATE INDEX ix_segment_facts_changed ON segment_facts (changed_at);
CREATE INDEX ix_segment_facts_recent ON segment_facts (kind, fact_key, last_at, customer_id);

-- How far segment_facts has read the events table (one row).
CREATE TABLE segment_facts_progress (
  id INT PRIMARY KEY,
  last_event_id BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
INSERT INTO segment_facts_progress (id, last_event_id, updated_at) VALUES (1, 0, 0);

-- Metric filters that select a small part of the base use indexes instead of a full scan
-- (last_purchase_at and rfm_segment are indexed by V4 already).
CREATE INDEX ix_customers_country ON customers (country);
-- The in-memory counter reads the customers and metrics changed since its last refresh.
CREATE INDEX ix_customers_updated ON customers (updated_at);
CREATE INDEX ix_customer_metrics_computed ON customer_metrics (computed_at);
