package io.affinity.campaigns.lift;

/**
 * The SQL of {@link CampaignAttribution}: each statement reads one covering index in its order,
 * without joins, so the database does no lookups per row and no grouping; recipients, segments,
 * clicks and purchases are matched and totalled in Java.
 */
final class AttributionQueries {
  private AttributionQueries() {}

  /**
   * Parameters: campaign. From ix_campaign_recipients_buyer alone, in customer order; the third
   * column is when the window starts if known: at the send, else when the row was due (a trigger's
   * firing); 0 for neither (it then starts with the campaign); the fourth the recipient's RFM
   * segment as written with its row (see RecipientSegment).
   */
  static final String RECIPIENTS =
      """
      SELECT customer_id, arm, COALESCE(sent_at, due_at, 0), rfm_segment FROM campaign_recipients
      WHERE campaign_id = ? ORDER BY customer_id
      """;

  /**
   * Parameters: campaign, time. The recipients sent from that time on: a range of
   * ix_campaign_recipients_sent (campaign, send time), and a row lookup for each of the few found.
   */
  static final String SENT_SINCE =
      """
      SELECT customer_id, sent_at FROM campaign_recipients WHERE campaign_id = ? AND sent_at >= ?
      """;

  /** Parameters as {@link #SENT_SINCE}: how many rows it reads, over the index alone. */
  static final String SENT_SINCE_COUNT =
      """
      SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ? AND sent_at >= ?
      """;

  /** Parameters: campaign. From ix_campaign_recipients_buyer alone: see RecipientFingerprint. */
  static final String FINGERPRINT =
      """
      SELECT COUNT(*), SUM(customer_id), SUM(COALESCE(sent_at, due_at, 0))
      FROM campaign_recipients WHERE campaign_id = ?
      """;

  /** Parameters: campaign. The campaign's clicks on items, from ix_events_campaign alone. */
  static final String CLICKS =
      """
      SELECT customer_id, product_id, occurred_at FROM events
      WHERE campaign_id = ? AND type = 'click' AND product_id IS NOT NULL
      """;

  /**
   * The columns of a purchase, from ix_events_type_time alone (a purchase without an order id is an
   * order of its own); the table, its hint and {@link #IN_PERIOD} follow.
   */
  static final String PURCHASE_COLUMNS =
      "SELECT customer_id, occurred_at, quantity * unit_price, product_id, order_id";

  /** As {@link #PURCHASE_COLUMNS}, with what pre-period spend (CUPED) needs only. */
  static final String PRE_PERIOD_COLUMNS = "SELECT customer_id, occurred_at, quantity * unit_price";

  /**
   * Parameters: period start, period end. The purchases of a period, a range of ix_events_type_time
   * (see {@link IndexHint}), after the table and its hint; {@link #SINCE} may follow. The type is
   * bounded on both sides rather than compared for equality so that no lookup on the type alone can
   * be planned either.
   */
  static final String IN_PERIOD =
      " WHERE type >= 'purchase' AND type <= 'purchase' AND occurred_at >= ? AND occurred_at < ?";

  /** The index of {@link #IN_PERIOD}'s range. */
  static final String PERIOD_INDEX = "ix_events_type_time";

  /**
   * Parameter: an event id. Only events after it: those added since it was the latest, a range of
   * the primary key. (A bound on both sides made MariaDB scan every purchase of the index.)
   */
  static final String SINCE = " AND id > ?";

  /**
   * Parameters as {@link #IN_PERIOD}. Over ix_events_type_time, no rows sent; the table and its
   * hint go between the two parts.
   */
  static final String PURCHASE_COUNT = "SELECT COUNT(*) FROM events";

  /** The latest event's id, from the end of the primary key. */
  static final String LATEST_EVENT = "SELECT MAX(id) FROM events";
}
