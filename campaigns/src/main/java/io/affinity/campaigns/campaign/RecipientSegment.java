package io.affinity.campaigns.campaign;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A recipient's RFM segment as written with its row ({@code campaign_recipients.rfm_segment}): the
 * customer's segment at that moment, fixed before the campaign could change it, so that the lift by
 * segment compares like with like (docs/lift.md).
 */
public final class RecipientSegment {
  /** The segment of a customer without metrics. */
  public static final String UNKNOWN = "unknown";

  /**
   * The segment of customer {@code ?} now, as a scalar subquery for an INSERT's values; one
   * parameter, the customer's row id.
   */
  public static final String OF_CUSTOMER = ofCustomer("?");

  private RecipientSegment() {}

  /** The segment of the customer whose row id is {@code customerId}, an SQL expression. */
  private static String ofCustomer(String customerId) {
    return "COALESCE((SELECT m.rfm_segment FROM customer_metrics m WHERE m.customer_id = "
        + customerId
        + "), '"
        + UNKNOWN
        + "')";
  }

  /** {@code segment} as stored: {@link #UNKNOWN} for none. */
  public static String of(String segment) {
    return segment == null ? UNKNOWN : segment;
  }

  /**
   * Fills in the segment of campaign {@code campaign}'s rows written without one (by a bulk insert
   * that did not read the metrics); returns how many.
   */
  public static int fill(Connection c, long campaign) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE campaign_recipients SET rfm_segment = "
                + ofCustomer("campaign_recipients.customer_id")
                + " WHERE campaign_id = ? AND rfm_segment IS NULL")) {
      ps.setLong(1, campaign);
      return ps.executeUpdate();
    }
  }
}
