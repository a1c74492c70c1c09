-- Household matching on import reads the customers sharing a postcode with the ones imported.
CREATE INDEX ix_customers_postcode ON customers (postcode);
