-- Impressions the shop reports (POST /api/offers/impressions) count once each: a reported
-- impression carries its key (a digest of the client's impression id, or of customer, item, offer
-- type and day), and a second report of the same key is ignored. E-mail exposures have none.
ALTER TABLE offer_exposures ADD COLUMN impression_key VARCHAR(64);
CREATE UNIQUE INDEX uq_offer_exposures_impression ON offer_exposures (impression_key);
