-- A product the shop no longer sells: it leaves every recommendation, offer and e-mail on the next
-- request (the live catalogue skips it), while its history and the model's learning stay.
ALTER TABLE products ADD COLUMN discontinued BOOLEAN NOT NULL DEFAULT FALSE;
