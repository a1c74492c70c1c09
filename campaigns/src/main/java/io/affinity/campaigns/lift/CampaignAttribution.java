package io.affinity.campaigns.lift;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Attributes purchases to a campaign's recipients, treatment and control alike, in one set-based
 * query: the database sums each recipient's orders, revenue and pre-period spend in their window
 * and returns a handful of rows per arm (one per group and day of first purchase), never one row
 * per recipient.
 *
 * <p>A recipient's window starts when their message was accepted ({@code sent_at}), or, for
 * control, unsent and imported recipients, when the campaign started, and lasts {@code
 * attribution_days}. Every recipient counts in their assigned arm whether or not the message went
 * out (intention to treat). Returns are not netted out. The pre-period (for CUPED) is the equally
 * long period just before the window.
 */
@Singleton
public class CampaignAttribution {
  private static final long DAY = 86_400_000L;

  // Parameters: started_at, campaign, started_at, campaign, pre-window, window.
  private static final String SQL =
      """
      SELECT w.arm, %s AS grp, FLOOR((a.first_at - w.anchor) / %d) AS first_day, COUNT(*),
             COALESCE(SUM(a.orders), 0), COALESCE(SUM(a.revenue), 0),
             COALESCE(SUM(a.revenue * a.revenue), 0), COALESCE(SUM(a.pre), 0),
             COALESCE(SUM(a.pre * a.pre), 0), COALESCE(SUM(a.pre * a.revenue), 0)
      FROM (SELECT customer_id, arm, COALESCE(sent_at, ?) AS anchor
            FROM campaign_recipients WHERE campaign_id = ?) w
      LEFT JOIN (
        SELECT v.customer_id,
               COUNT(DISTINCT CASE WHEN e.occurred_at >= v.anchor
                                   THEN COALESCE(e.order_id, e.client_event_id) END) AS orders,
               SUM(CASE WHEN e.occurred_at >= v.anchor THEN e.quantity * e.unit_price ELSE 0 END)
                 AS revenue,
               SUM(CASE WHEN e.occurred_at < v.anchor THEN e.quantity * e.unit_price ELSE 0 END)
                 AS pre,
               MIN(CASE WHEN e.occurred_at >= v.anchor THEN e.occurred_at END) AS first_at
        FROM (SELECT customer_id, COALESCE(sent_at, ?) AS anchor
              FROM campaign_recipients WHERE campaign_id = ?) v
        JOIN events e ON e.customer_id = v.customer_id AND e.type = 'purchase'
             AND e.occurred_at >= v.anchor - ? AND e.occurred_at < v.anchor + ?
        GROUP BY v.customer_id
      ) a ON a.customer_id = w.customer_id
      %s
      GROUP BY w.arm, %s, FLOOR((a.first_at - w.anchor) / %d)
      """;

  private static final String BY_ARM = sql("'" + Attribution.ALL + "'", "");
  private static final String BY_RFM =
      sql(
          "COALESCE(m.rfm_segment, 'unknown')",
          "LEFT JOIN customer_metrics m ON m.customer_id = w.customer_id");

  private final TransactionOperations<Connection> tx;

  public CampaignAttribution(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  private static String sql(String group, String join) {
    return SQL.formatted(group, DAY, join, group, DAY);
  }

  /**
   * The campaign's recipients summed per arm, and per RFM segment when {@code bySegment}; with
   * {@code prePeriod}, the pre-period sums are filled in too.
   *
   * @throws IllegalArgumentException if the campaign has not started
   */
  public Attribution attribute(CampaignFacts campaign, boolean bySegment, boolean prePeriod) {
    if (campaign.startedAt() == null) {
      throw new IllegalArgumentException("campaign " + campaign.id() + " has not started");
    }
    long window = campaign.windowMillis();
    return tx.executeRead(
        status -> {
          try (PreparedStatement ps =
              status.getConnection().prepareStatement(bySegment ? BY_RFM : BY_ARM)) {
            ps.setLong(1, campaign.startedAt());
            ps.setLong(2, campaign.id());
            ps.setLong(3, campaign.startedAt());
            ps.setLong(4, campaign.id());
            ps.setLong(5, prePeriod ? window : 0);
            ps.setLong(6, window);
            try (ResultSet rs = ps.executeQuery()) {
              return collect(rs, campaign.attributionDays());
            }
          } catch (SQLException e) {
            throw new IllegalStateException("Could not attribute campaign " + campaign.id(), e);
          }
        });
  }

  private static Attribution collect(ResultSet rs, int days) throws SQLException {
    Map<String, Map<String, ArmSummary>> byGroup = new TreeMap<>();
    Map<String, long[]> byDay = new HashMap<>();
    while (rs.next()) {
      String arm = rs.getString(1);
      String group = rs.getString(2);
      long day = rs.getLong(3);
      boolean converted = !rs.wasNull();
      long recipients = rs.getLong(4);
      ArmSummary s =
          new ArmSummary(
              recipients,
              converted ? recipients : 0,
              rs.getLong(5),
              rs.getDouble(6),
              rs.getDouble(7),
              rs.getDouble(8),
              rs.getDouble(9),
              rs.getDouble(10));
      byGroup.computeIfAbsent(group, g -> new TreeMap<>()).merge(arm, s, ArmSummary::plus);
      long[] perDay = byDay.computeIfAbsent(arm, a -> new long[Math.max(1, days)]);
      if (converted && day >= 0 && day < perDay.length) {
        perDay[(int) day] += recipients;
      }
    }
    return new Attribution(byGroup, byDay);
  }
}
