-- The frequency cap (docs/campaigns.md, "Consent, suppression and deliverability") reads, per
-- claimed batch, every recent contact of the batch's customers: rows sent in the window, and rows
-- of other campaigns claimed or ambiguous now. This index answers that from the index alone
-- (no row lookup per past campaign of a customer). It starts with customer_id, so it also serves
-- every lookup by customer that ix_campaign_recipients_customer served; that one goes.
CREATE INDEX ix_campaign_recipients_contact ON campaign_recipients (customer_id, state, sent_at, claimed_at, campaign_id);
DROP INDEX ix_campaign_recipients_customer ON campaign_recipients;

-- email_suppressions (V6, plain addresses) is legacy: its rows are moved into
-- address_suppressions (keyed hashes) at startup by LegacySuppressions, and nothing writes it any
-- more. It stays, empty, until a later version drops it.
