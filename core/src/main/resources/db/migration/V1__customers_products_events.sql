-- The single customer view: households, customers, products and their events.
-- Written once for H2 (MODE=MySQL) and MySQL/MariaDB: keep to the syntax both accept.
-- Times are epoch milliseconds in BIGINT columns: MySQL Connector/J drops the fractional seconds
-- of bound timestamps on MariaDB, which would lose the order of events within a second.

CREATE TABLE households (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  external_id VARCHAR(100) NOT NULL,
  name VARCHAR(200),
  address VARCHAR(500),
  postcode VARCHAR(20),
  country VARCHAR(60),
  attributes TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT uq_households_external_id UNIQUE (external_id)
);

CREATE TABLE customers (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  external_id VARCHAR(100) NOT NULL,
  email VARCHAR(320),
  name VARCHAR(200),
  household_id BIGINT,
  email_consent BOOLEAN NOT NULL DEFAULT FALSE,
  consent_at BIGINT,
  consent_source VARCHAR(100),
  preferred_channel VARCHAR(20),
  address VARCHAR(500),
  postcode VARCHAR(20),
  country VARCHAR(60),
  attributes TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT uq_customers_external_id UNIQUE (external_id),
  CONSTRAINT fk_customers_household FOREIGN KEY (household_id) REFERENCES households (id)
);
CREATE INDEX ix_customers_household ON customers (household_id);
CREATE INDEX ix_customers_email ON customers (email);

CREATE TABLE products (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  external_id VARCHAR(100) NOT NULL,
  name VARCHAR(300),
  category_path VARCHAR(255),
  brand VARCHAR(100),
  price DECIMAL(12, 2),
  cost DECIMAL(12, 2),
  in_stock BOOLEAN NOT NULL DEFAULT TRUE,
  url VARCHAR(1000),
  image_url VARCHAR(1000),
  attributes TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT uq_products_external_id UNIQUE (external_id)
);
CREATE INDEX ix_products_category ON products (category_path);

-- No foreign keys on events: ingest resolves customer and product ids itself, and the checks
-- would cost every insert of the hottest table.
CREATE TABLE events (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  client_event_id VARCHAR(100) NOT NULL,
  customer_id BIGINT NOT NULL,
  product_id BIGINT,
  type VARCHAR(20) NOT NULL,
  order_id VARCHAR(64),
  quantity INT,
  unit_price DECIMAL(12, 2),
  occurred_at BIGINT NOT NULL,
  campaign_id BIGINT,
  source VARCHAR(32),
  received_at BIGINT NOT NULL,
  CONSTRAINT uq_events_client_event_id UNIQUE (client_event_id)
);
CREATE INDEX ix_events_customer_time ON events (customer_id, occurred_at);
CREATE INDEX ix_events_product_time ON events (product_id, occurred_at);
