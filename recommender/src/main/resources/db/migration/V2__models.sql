-- The registry of trained recommendation models. The newest row with status 'active' is served.
CREATE TABLE models (
  version BIGINT AUTO_INCREMENT PRIMARY KEY,
  created_at BIGINT NOT NULL,
  data_from BIGINT NOT NULL,
  data_to BIGINT NOT NULL,
  events BIGINT NOT NULL,
  users INT NOT NULL,
  items INT NOT NULL,
  indicators BIGINT NOT NULL,
  signals VARCHAR(200) NOT NULL,
  training_millis BIGINT NOT NULL,
  metrics TEXT,
  path VARCHAR(1000) NOT NULL,
  status VARCHAR(20) NOT NULL
);
