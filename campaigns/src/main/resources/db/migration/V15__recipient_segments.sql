-- Each recipient's RFM segment when it was written to the campaign (launch, import or a trigger's
-- firing): the lift by segment compares treatment and control within a segment fixed before the
-- campaign, which the campaign's own purchases cannot move (docs/lift.md). 'unknown': the customer
-- had no metrics then. Rows written before this column get the segment their customer has now.
ALTER TABLE campaign_recipients ADD COLUMN rfm_segment VARCHAR(30);
UPDATE campaign_recipients SET rfm_segment = COALESCE(
  (SELECT m.rfm_segment FROM customer_metrics m WHERE m.customer_id = campaign_recipients.customer_id),
  'unknown');
-- The report reads the segments from the index alone, as it reads the rest (V13).
DROP INDEX ix_campaign_recipients_buyer ON campaign_recipients;
CREATE INDEX ix_campaign_recipients_buyer ON campaign_recipients (campaign_id, customer_id, arm, sent_at, due_at, rfm_segment);
