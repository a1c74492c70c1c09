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
