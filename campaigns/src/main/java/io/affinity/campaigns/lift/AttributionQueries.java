package io.affinity.campaigns.lift;

/**
 * The SQL of {@link CampaignAttribution}, per grouping. Built from constants only: the grouping
 * chooses between fixed texts, and every value is a bound parameter.
 */
enum AttributionQueries {
  BY_ARM("'" + Attribution.ALL + "'", ""),
  BY_SEGMENT(
      "COALESCE(m.rfm_segment, 'unknown')",
      "LEFT JOIN customer_metrics m ON m.customer_id = r.customer_id");

  private static final long DAY = 86_400_000L;

  // Parameters: campaign.
  private static final String COUNTS =
      """
      SELECT r.arm, %1$s AS grp, COUNT(*)
      FROM campaign_recipients r %2$s
      WHERE r.campaign_id = ?
      GROUP BY r.arm, %1$s
      """;

  // Parameters: started_at, campaign, period start, period end, pre-window, window. Only columns
  // of ix_events_type_time are read from events (a purchase without an order id is an order of its
  // own), so the scan never visits the table's rows. The period
  // (first pre-period start to last window end) lets the database find the purchases by time; the
  // per-recipient bounds then keep each purchase to its buyer's own window.
  private static final String BUYERS =
      """
      SELECT b.arm, b.grp, FLOOR((b.first_at - b.anchor) / %3$d), COUNT(*),
             COALESCE(SUM(b.orders), 0), COALESCE(SUM(b.revenue), 0),
             COALESCE(SUM(b.revenue * b.revenue), 0), COALESCE(SUM(b.pre), 0),
             COALESCE(SUM(b.pre * b.pre), 0), COALESCE(SUM(b.pre * b.revenue), 0)
      FROM (
        SELECT r.customer_id, r.arm, %1$s AS grp, r.anchor,
               COUNT(DISTINCT CASE WHEN e.occurred_at >= r.anchor THEN e.order_id END)
                 + SUM(CASE WHEN e.occurred_at >= r.anchor AND e.order_id IS NULL THEN 1 ELSE 0 END)
                 AS orders,
               SUM(CASE WHEN e.occurred_at >= r.anchor THEN e.quantity * e.unit_price ELSE 0 END)
                 AS revenue,
               SUM(CASE WHEN e.occurred_at < r.anchor THEN e.quantity * e.unit_price ELSE 0 END)
                 AS pre,
               MIN(CASE WHEN e.occurred_at >= r.anchor THEN e.occurred_at END) AS first_at
        FROM events e
        JOIN (SELECT customer_id, arm, COALESCE(sent_at, due_at, ?) AS anchor
              FROM campaign_recipients WHERE campaign_id = ?) r ON r.customer_id = e.customer_id
        %2$s
        WHERE e.type = 'purchase' AND e.occurred_at >= ? AND e.occurred_at < ?
          AND e.occurred_at >= r.anchor - ? AND e.occurred_at < r.anchor + ?
        GROUP BY r.customer_id, r.arm, %1$s, r.anchor
      ) b
      GROUP BY b.arm, b.grp, FLOOR((b.first_at - b.anchor) / %3$d)
      """;

  private final String counts;
  private final String buyers;

  AttributionQueries(String group, String join) {
    this.counts = COUNTS.formatted(group, join);
    this.buyers = BUYERS.formatted(group, join, DAY);
  }

  /** Recipients per arm and group. */
  String counts() {
    return counts;
  }

  /** Buyers' sums per arm, group and day of first purchase. */
  String buyers() {
    return buyers;
  }
}
