package io.affinity.campaigns.lift;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Clicks per item of a campaign (click events carrying its id), and purchases of the clicked item
 * by the clicker after the click and within their window. Driven from the campaign's click events
 * ({@code ix_events_campaign}), so its cost follows the clicks, not the recipients.
 *
 * <p>Slots are not in the events table; per-slot figures belong to the tracking table.
 */
@Singleton
public class ClickAttribution {
  // Parameters: started_at, window, campaign, limit. Summed per clicker and item first, so that a
  // purchase counts once however often its buyer clicked.
  private static final String SQL =
      """
      SELECT p.external_id, p.name, SUM(x.clicks), COUNT(*),
             SUM(CASE WHEN x.bought_lines > 0 THEN 1 ELSE 0 END), COALESCE(SUM(x.revenue), 0)
      FROM (
        SELECT c.product_id, c.customer_id, c.clicks, COUNT(e.id) AS bought_lines,
               SUM(e.quantity * e.unit_price) AS revenue
        FROM (
          SELECT k.product_id, k.customer_id, COUNT(*) AS clicks, MIN(k.occurred_at) AS first_click,
                 MIN(COALESCE(r.sent_at, r.due_at, ?)) + ? AS window_end
          FROM events k
          JOIN campaign_recipients r
            ON r.campaign_id = k.campaign_id AND r.customer_id = k.customer_id
          WHERE k.campaign_id = ? AND k.type = 'click' AND k.product_id IS NOT NULL
          GROUP BY k.product_id, k.customer_id
        ) c
        LEFT JOIN events e
          ON e.customer_id = c.customer_id AND e.product_id = c.product_id
         AND e.type = 'purchase' AND e.occurred_at >= c.first_click
         AND e.occurred_at < c.window_end
        GROUP BY c.product_id, c.customer_id, c.clicks
      ) x
      LEFT JOIN products p ON p.id = x.product_id
      GROUP BY x.product_id, p.external_id, p.name
      ORDER BY SUM(x.clicks) DESC, p.external_id
      LIMIT ?
      """;

  private final TransactionOperations<Connection> tx;

  public ClickAttribution(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /** The {@code limit} most clicked items of {@code campaign}, most clicked first. */
  public List<ItemClicks> topItems(CampaignFacts campaign, int limit) {
    long started = campaign.startedAt() == null ? 0 : campaign.startedAt();
    return tx.executeRead(
        status -> {
          try (PreparedStatement ps = status.getConnection().prepareStatement(SQL)) {
            ps.setLong(1, started);
            ps.setLong(2, campaign.windowMillis());
            ps.setLong(3, campaign.id());
            ps.setInt(4, limit);
            List<ItemClicks> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                items.add(
                    new ItemClicks(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getDouble(6)));
              }
            }
            return items;
          } catch (SQLException e) {
            throw new IllegalStateException("Could not count clicks of " + campaign.id(), e);
          }
        });
  }
}
