package io.affinity.campaigns.lift;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Attributes purchases to a campaign's recipients, treatment and control alike. The database only
 * retrieves rows through indexes; the grouping is done here:
 *
 * <ol>
 *   <li>the recipients per arm (and segment), counted from the index {@code (campaign_id, arm)};
 *   <li>the campaign's clicks on items, from {@code ix_events_campaign};
 *   <li>the purchases of the campaign's period (all windows and pre-periods together, found through
 *       {@code (type, occurred_at)}), streamed with their buyer's recipient row, kept to that
 *       recipient's own window and totalled per recipient ({@link BuyerTotals}) and per clicked
 *       item ({@link ClickedItems}), then summed per arm, segment and day of first purchase.
 * </ol>
 *
 * Recipients who bought nothing add zeros to every sum, so only the buyers are read: the cost
 * follows the purchases in the campaign's period, not the recipients. (A single SQL grouping per
 * recipient was 5-20x slower on MariaDB: its temporary table of buyers spilled to disk.)
 *
 * <p>A recipient's window starts when their message was accepted ({@code sent_at}), or, for
 * control, unsent and imported recipients, when the campaign started, and lasts {@code
 * attribution_days}. Every recipient counts in their assigned arm whether or not the message went
 * out (intention to treat). Returns are not netted out. The pre-period (for CUPED) is the equally
 * long period just before the window.
 */
@Singleton
public class CampaignAttribution {
  private final TransactionOperations<Connection> tx;

  public CampaignAttribution(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /**
   * The campaign's recipients summed per arm, and per RFM segment when {@code bySegment}; with
   * {@code prePeriod}, the pre-period sums are filled in too; and its {@code topItems} most clicked
   * items.
   *
   * @throws IllegalArgumentException if the campaign has not started
   */
  public Attribution attribute(
      CampaignFacts campaign, boolean bySegment, boolean prePeriod, int topItems) {
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
            Cells cells = new Cells();
            try (PreparedStatement ps = c.prepareStatement(queries.counts())) {
              ps.setLong(1, campaign.id());
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  cells.get(rs.getString(2), rs.getString(1)).recipients += rs.getLong(3);
                }
              }
            }
            ClickedItems clicks = ClickedItems.read(c, campaign);
            BuyerTotals buyers = new BuyerTotals(window, pre);
            long from = Math.min(campaign.startedAt() - pre, clicks.firstClick());
            long to = lastSend(c, campaign) + window;
            try (PreparedStatement ps = c.prepareStatement(queries.purchases())) {
              streamRows(c, ps);
              ps.setLong(1, campaign.id());
              ps.setLong(2, from);
              ps.setLong(3, to);
              try (ResultSet rs = ps.executeQuery()) {
                read(rs, campaign.startedAt(), cells, buyers, clicks);
              }
            }
            Map<String, long[]> byDay = new HashMap<>();
            buyers.sumInto(cells.list, cells.arms, byDay, campaign.attributionDays());
            return new Attribution(cells.freeze(), byDay, clicks.top(c, topItems));
          } catch (SQLException e) {
            throw new IllegalStateException("Could not attribute campaign " + campaign.id(), e);
          }
        });
  }

  /** Each purchase row to its buyer's totals (if in their window) and to the clicked items. */
  private static void read(
      ResultSet rs, long started, Cells cells, BuyerTotals buyers, ClickedItems clicks)
      throws SQLException {
    while (rs.next()) {
      long customer = rs.getLong(1);
      long sent = rs.getLong(3);
      long anchor = rs.wasNull() ? started : sent;
      long at = rs.getLong(4);
      long product = rs.getLong(5);
      boolean hasProduct = !rs.wasNull();
      BigDecimal amount = rs.getBigDecimal(6);
      long cents = amount == null ? 0 : amount.setScale(2).unscaledValue().longValueExact();
      if (hasProduct) {
        clicks.purchase(customer, product, at, cents);
      }
      if (buyers.counts(anchor, at)) {
        int slot = buyers.slot(customer);
        if (slot < 0) {
          slot = buyers.open(customer, cells.index(rs.getString(8), rs.getString(2)), anchor);
        }
        buyers.add(slot, at, cents, rs.getString(7));
      }
    }
  }

  /**
   * Streams the rows rather than loading them all: MySQL Connector/J streams only with a fetch size
   * of {@code Integer.MIN_VALUE}, which H2 rejects (it pages large results itself).
   */
  private static void streamRows(Connection c, PreparedStatement ps) throws SQLException {
    if (c.getMetaData().getDriverName().toLowerCase(Locale.ROOT).contains("mysql")) {
      ps.setFetchSize(Integer.MIN_VALUE);
    }
  }

  /** The latest window start: the last send, or the start for campaigns without sends. */
  private static long lastSend(Connection c, CampaignFacts campaign) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT MAX(sent_at) FROM campaign_recipients WHERE campaign_id = ?")) {
      ps.setLong(1, campaign.id());
      try (ResultSet rs = ps.executeQuery()) {
        long last = rs.next() ? rs.getLong(1) : 0;
        return Math.max(last, campaign.startedAt());
      }
    }
  }

  /** The sums per group and arm, each also reachable by a dense index for the buyers' slots. */
  private static final class Cells {
    final Map<String, Map<String, ArmSums>> sums = new TreeMap<>();
    final Map<String, Map<String, Integer>> indexes = new HashMap<>();
    final List<ArmSums> list = new ArrayList<>();
    final List<String> arms = new ArrayList<>();

    ArmSums get(String group, String arm) {
      return list.get(index(group, arm));
    }

    int index(String group, String arm) {
      Map<String, Integer> byArm = indexes.computeIfAbsent(group, g -> new HashMap<>());
      Integer index = byArm.get(arm);
      if (index == null) {
        ArmSums s = new ArmSums();
        sums.computeIfAbsent(group, g -> new TreeMap<>()).put(arm, s);
        index = list.size();
        list.add(s);
        arms.add(arm);
        byArm.put(arm, index);
      }
      return index;
    }

    Map<String, Map<String, ArmSummary>> freeze() {
      Map<String, Map<String, ArmSummary>> byGroup = new TreeMap<>();
      sums.forEach(
          (group, byArm) -> {
            Map<String, ArmSummary> frozen = new TreeMap<>();
            byArm.forEach((arm, s) -> frozen.put(arm, s.summary()));
            byGroup.put(group, frozen);
          });
      return byGroup;
    }
  }
}
