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
 * Attributes purchases to a campaign's recipients, treatment and control alike, with set-based
 * queries that return a handful of rows per arm, never one per recipient:
 *
 * <ol>
 *   <li>the recipients per arm (and segment), from the index {@code (campaign_id, arm)};
 *   <li>the purchases of the campaign's period (all windows and pre-periods together, found through
 *       {@code (type, occurred_at)}), joined to their buyer's recipient row, summed per recipient
 *       within that recipient's own window and then per arm, segment and day of first purchase.
 * </ol>
 *
 * Recipients who bought nothing add zeros to every sum, so the second query only needs the buyers;
 * its cost follows the purchases in the campaign's period, not the recipients.
 *
 * <p>A recipient's window starts when their message was accepted ({@code sent_at}), or, for
 * control, unsent and imported recipients, when it was due ({@code due_at}, a trigger's firings) or
 * else when the campaign started, and lasts {@code attribution_days}. Every recipient counts in
 * their assigned arm whether or not the message went out (intention to treat). Returns are not
 * netted out. The pre-period (for CUPED) is the equally long period just before the window.
 */
@Singleton
public class CampaignAttribution {
  private final TransactionOperations<Connection> tx;

  public CampaignAttribution(TransactionOperations<Connection> tx) {
    this.tx = tx;
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
    AttributionQueries queries =
        bySegment ? AttributionQueries.BY_SEGMENT : AttributionQueries.BY_ARM;
    long window = campaign.windowMillis();
    long pre = prePeriod ? window : 0;
    return tx.executeRead(
        status -> {
          Connection c = status.getConnection();
          try {
            Map<String, Map<String, ArmSums>> sums = new TreeMap<>();
            Map<String, long[]> byDay = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(queries.counts())) {
              ps.setLong(1, campaign.id());
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  sums(sums, rs.getString(2), rs.getString(1)).recipients += rs.getLong(3);
                }
              }
            }
            long[] anchors = anchors(c, campaign);
            try (PreparedStatement ps = c.prepareStatement(queries.buyers())) {
              ps.setLong(1, campaign.startedAt());
              ps.setLong(2, campaign.id());
              ps.setLong(3, anchors[0] - pre);
              ps.setLong(4, anchors[1] + window);
              ps.setLong(5, pre);
              ps.setLong(6, window);
              try (ResultSet rs = ps.executeQuery()) {
                addBuyers(rs, sums, byDay, campaign.attributionDays());
              }
            }
            return freeze(sums, byDay);
          } catch (SQLException e) {
            throw new IllegalStateException("Could not attribute campaign " + campaign.id(), e);
          }
        });
  }

  /**
   * The earliest and latest window start: the start and the last send, widened for a trigger's
   * campaign by its recipients' due times (its control and unsent recipients' windows start there).
   * Only trigger campaigns pay for the due-time scan; others have no due times.
   */
  private static long[] anchors(Connection c, CampaignFacts campaign) throws SQLException {
    long first = campaign.startedAt();
    long last = first;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT MAX(sent_at) FROM campaign_recipients WHERE campaign_id = ?")) {
      ps.setLong(1, campaign.id());
      try (ResultSet rs = ps.executeQuery()) {
        last = Math.max(last, rs.next() ? rs.getLong(1) : 0);
      }
    }
    if ("trigger".equals(campaign.kind())) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT MIN(due_at), MAX(due_at) FROM campaign_recipients WHERE campaign_id = ?"
                  + " AND due_at IS NOT NULL")) {
        ps.setLong(1, campaign.id());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && rs.getObject(1) != null) {
            first = Math.min(first, rs.getLong(1));
            last = Math.max(last, rs.getLong(2));
          }
        }
      }
    }
    return new long[] {first, last};
  }

  private static void addBuyers(
      ResultSet rs, Map<String, Map<String, ArmSums>> sums, Map<String, long[]> byDay, int days)
      throws SQLException {
    while (rs.next()) {
      String arm = rs.getString(1);
      long day = rs.getLong(3);
      boolean converted = !rs.wasNull();
      long buyers = rs.getLong(4);
      ArmSums s = sums(sums, rs.getString(2), arm);
      s.conversions += converted ? buyers : 0;
      s.orders += rs.getLong(5);
      s.revenue += rs.getDouble(6);
      s.revenueSq += rs.getDouble(7);
      s.pre += rs.getDouble(8);
      s.preSq += rs.getDouble(9);
      s.preRevenue += rs.getDouble(10);
      long[] perDay = byDay.computeIfAbsent(arm, a -> new long[Math.max(1, days)]);
      if (converted && day >= 0 && day < perDay.length) {
        perDay[(int) day] += buyers;
      }
    }
  }

  private static ArmSums sums(Map<String, Map<String, ArmSums>> sums, String group, String arm) {
    return sums.computeIfAbsent(group, g -> new TreeMap<>())
        .computeIfAbsent(arm, a -> new ArmSums());
  }

  private static Attribution freeze(
      Map<String, Map<String, ArmSums>> sums, Map<String, long[]> byDay) {
    Map<String, Map<String, ArmSummary>> byGroup = new TreeMap<>();
    sums.forEach(
        (group, arms) -> {
          Map<String, ArmSummary> frozen = new TreeMap<>();
          arms.forEach((arm, s) -> frozen.put(arm, s.summary()));
          byGroup.put(group, frozen);
        });
    return new Attribution(byGroup, byDay);
  }
}
