package io.affinity.campaigns.tracking;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Engagement figures per campaign from {@code tracking_events}, for the campaign status and the
 * lift report. Probable bots are left out of every figure but {@code botFlagged}.
 */
@Singleton
public class CampaignEngagement {
  private static final String TOTALS_SQL =
      "SELECT kind, probable_bot, COUNT(*), COUNT(DISTINCT recipient_id) FROM tracking_events"
          + " WHERE campaign_id = ? GROUP BY kind, probable_bot";
  private static final String ITEMS_SQL =
      "SELECT item_id, slot, COUNT(*), COUNT(DISTINCT recipient_id) FROM tracking_events"
          + " WHERE campaign_id = ? AND kind = 'click' AND probable_bot = FALSE"
          + " AND item_id IS NOT NULL GROUP BY item_id, slot ORDER BY COUNT(*) DESC, item_id, slot";

  private final TransactionOperations<Connection> tx;

  public CampaignEngagement(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /** The figures of campaign {@code campaignId}; all zero for a campaign nobody responded to. */
  public EngagementCounts of(long campaignId) {
    return tx.executeRead(
        status -> {
          try {
            return read(status.getConnection(), campaignId);
          } catch (SQLException e) {
            throw new IllegalStateException("Could not count the engagement", e);
          }
        });
  }

  private static EngagementCounts read(Connection c, long campaignId) throws SQLException {
    long opens = 0;
    long uniqueOpens = 0;
    long clicks = 0;
    long uniqueClicks = 0;
    long bots = 0;
    long unsubscribes = 0;
    try (PreparedStatement ps = c.prepareStatement(TOTALS_SQL)) {
      ps.setLong(1, campaignId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String kind = rs.getString(1);
          long all = rs.getLong(3);
          long unique = rs.getLong(4);
          if (kind.equals("unsubscribe")) {
            unsubscribes += unique;
          } else if (rs.getBoolean(2)) {
            bots += all;
          } else if (kind.equals("open")) {
            opens = all;
            uniqueOpens = unique;
          } else if (kind.equals("click")) {
            clicks = all;
            uniqueClicks = unique;
          }
        }
      }
    }
    List<EngagementCounts.ItemClicks> items = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(ITEMS_SQL)) {
      ps.setLong(1, campaignId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          items.add(
              new EngagementCounts.ItemClicks(
                  rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
        }
      }
    }
    return new EngagementCounts(
        campaignId, opens, uniqueOpens, clicks, uniqueClicks, bots, unsubscribes, items);
  }
}
