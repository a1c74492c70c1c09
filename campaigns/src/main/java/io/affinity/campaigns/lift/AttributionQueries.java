package io.affinity.campaigns.lift;

/**
 * The SQL of {@link CampaignAttribution}, per grouping. Built from constants only: the grouping
 * chooses between fixed texts, and every value is a bound parameter. The database only finds rows
 * through indexes (and counts recipients per arm); the per-recipient work is done in Java.
 */
enum AttributionQueries {
  BY_ARM("'" + Attribution.ALL + "'", ""),
  BY_SEGMENT(
      "COALESCE(m.rfm_segment, 'unknown')",
      "LEFT JOIN customer_metrics m ON m.customer_id = r.customer_id");

  // Parameters: campaign. Read from ix_campaign_recipients_arm alone (without a segment).
  private static final String COUNTS =
      """
      SELECT r.arm, %1$s AS grp, COUNT(*)
      FROM campaign_recipients r %2$s
      WHERE r.campaign_id = ?
      GROUP BY r.arm, %1$s
      """;

  // Parameters: campaign, period start, period end. The purchases of the campaign's period with
  // their buyer's recipient row: events from ix_events_type_time alone, the recipient through
  // ix_campaign_recipients_buyer alone, so neither table's rows are visited. Each purchase is kept
  // to its buyer's own window (and pre-period) in Java, since the clicks need the same rows.
  private static final String PURCHASES =
      """
      SELECT e.customer_id, r.arm, r.sent_at, e.occurred_at, e.product_id,
             e.quantity * e.unit_price, e.order_id, %1$s AS grp
      FROM events e
      JOIN campaign_recipients r ON r.campaign_id = ? AND r.customer_id = e.customer_id
      %2$s
      WHERE e.type = 'purchase' AND e.occurred_at >= ? AND e.occurred_at < ?
      """;

  /**
   * Parameters: campaign. The campaign's clicks on items by its recipients, from the covering
   * {@code ix_events_campaign}.
   */
  static final String CLICKS =
      """
      SELECT k.customer_id, k.product_id, k.occurred_at, r.sent_at
      FROM events k
      JOIN campaign_recipients r ON r.campaign_id = k.campaign_id AND r.customer_id = k.customer_id
      WHERE k.campaign_id = ? AND k.type = 'click' AND k.product_id IS NOT NULL
      """;

  private final String counts;
  private final String purchases;

  AttributionQueries(String group, String join) {
    this.counts = COUNTS.formatted(group, join);
    this.purchases = PURCHASES.formatted(group, join);
  }

  /** Recipients per arm and group. */
  String counts() {
    return counts;
  }

  /** The period's purchases with their buyer's arm, send time and group. */
  String purchases() {
    return purchases;
  }
}
