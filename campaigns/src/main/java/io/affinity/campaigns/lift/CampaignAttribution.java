package io.affinity.campaigns.lift;

import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attributes purchases to a campaign's recipients, treatment and control alike. The database only
 * streams rows from covering indexes, each in one sequential pass without joins; the matching and
 * grouping are done here:
 *
 * <ol>
 *   <li>the recipients with arm and window start, in customer order ({@link CampaignRecipients},
 *       kept between reports while their rows are unchanged, and saved for other nodes: {@link
 *       RecipientCache}), and, when split by segment, the RFM segment written with each; counted
 *       per group and arm;
 *   <li>the campaign's clicks on items ({@link ClickedItems});
 *   <li>the purchases of the campaign's period (all windows and pre-periods together, found through
 *       {@code (type, occurred_at)}; kept between reports and saved: {@link KeptPurchases}), each
 *       matched to its buyer's recipient by binary search, kept to that recipient's own window and
 *       totalled per recipient ({@link BuyerTotals}) and per clicked item, then summed per arm,
 *       segment and day of first purchase.
 * </ol>
 *
 * <p>Recipients who bought nothing add zeros to every sum. The cost is one pass over the recipients
 * and one over the shop's purchases in the period. (One SQL statement grouping per recipient took
 * 20-50 s at a million recipients on MariaDB, and the same rows joined in the database through an
 * index lookup per purchase 3-20 s; see {@code docs/benchmarks.md}.)
 *
 * <p>A recipient's window starts when their message was accepted ({@code sent_at}), or, for
 * control, unsent and imported recipients, when it was due ({@code due_at}, a trigger's firings) or
 * else when the campaign started, and lasts {@code attribution_days}. Every recipient counts in
 * their assigned arm whether or not the message went out (intention to treat). Returns are not
 * netted out. The pre-period (for CUPED) is the equally long period just before the window.
 */
@Singleton
public class CampaignAttribution {
  private static final Logger LOG = LoggerFactory.getLogger(CampaignAttribution.class);

  /**
   * A read-only transaction that sees one snapshot, as the kept purchases need: their count and the
   * rows added since must be of the same moment.
   */
  private static final TransactionDefinition ONE_SNAPSHOT = oneSnapshot();

  private final TransactionOperations<Connection> tx;
  private final ExecutorService blocking;
  private final RecipientCache cache;
  private final KeptPurchases kept;

  public CampaignAttribution(
      TransactionOperations<Connection> tx,
      @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
      RecipientCache cache,
      KeptPurchases kept) {
    this.tx = tx;
    this.blocking = blocking;
    this.cache = cache;
    this.kept = kept;
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
    long window = campaign.windowMillis();
    long pre = prePeriod ? window : 0;
    CompletableFuture<CampaignRecipients> reading =
        CompletableFuture.supplyAsync(
            () -> tx.executeRead(status -> recipients(status.getConnection(), campaign, bySegment)),
            blocking);
    return tx.execute(
        ONE_SNAPSHOT,
        status -> {
          Connection c = status.getConnection();
          long t0 = System.nanoTime();
          try {
            ClickedItems clicks = ClickedItems.read(c, campaign);
            long[] anchors = anchors(c, campaign);
            // Before the first window starts, a purchase can only be pre-period spend (or the
            // purchase of an item clicked earlier still): those rows need no product or order.
            long from = Math.min(anchors[0], clicks.firstClick());
            List<PurchaseRows> purchases = new ArrayList<>(2);
            if (pre > 0 && anchors[0] - pre < from) {
              purchases.add(kept.read(c, false, anchors[0] - pre, from));
            }
            purchases.add(kept.read(c, true, from, anchors[1] + window));
            long t1 = System.nanoTime();
            CampaignRecipients recipients = join(reading);
            long t2 = System.nanoTime();
            clicks.keepRecipients(recipients, window);
            Cells cells = new Cells();
            int[] cellOf = cellsOf(recipients, cells);
            // At most one buyer per recipient, and per purchase line read.
            int lines = purchases.stream().mapToInt(PurchaseRows::size).sum();
            BuyerTotals buyers =
                new BuyerTotals(window, pre, recipients.size(), Math.min(recipients.size(), lines));
            for (PurchaseRows rows : purchases) {
              add(rows, recipients, cellOf, buyers, clicks);
            }
            Map<String, long[]> byDay = new HashMap<>();
            buyers.sumInto(cells.list, cells.arms, byDay, campaign.attributionDays());
            Attribution attribution =
                new Attribution(cells.freeze(), byDay, clicks.top(c, topItems));
            LOG.debug(
                "campaign {}: clicks and {} purchases read in {} ms, recipients waited for {} ms,"
                    + " matched in {} ms",
                campaign.id(),
                lines,
                (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000,
                (System.nanoTime() - t2) / 1_000_000);
            return attribution;
          } catch (SQLException e) {
            throw new IllegalStateException("Could not attribute campaign " + campaign.id(), e);
          } finally {
            reading.cancel(false);
          }
        });
  }

  private static TransactionDefinition oneSnapshot() {
    DefaultTransactionDefinition d = new DefaultTransactionDefinition();
    d.setReadOnly(true);
    d.setIsolationLevel(TransactionDefinition.Isolation.REPEATABLE_READ);
    return d;
  }

  private CampaignRecipients recipients(Connection c, CampaignFacts campaign, boolean bySegment) {
    try {
      long start = System.nanoTime();
      CampaignRecipients grouped =
          bySegment ? cache.bySegment(c, campaign) : cache.recipients(c, campaign);
      LOG.debug(
          "campaign {}: {} recipients in {} ms",
          campaign.id(),
          grouped.size(),
          (System.nanoTime() - start) / 1_000_000);
      return grouped;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the recipients of " + campaign.id(), e);
    }
  }

  private static <T> T join(CompletableFuture<T> reading) {
    try {
      return reading.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
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

  /**
   * Counts the recipients per group and arm into {@code cells}; returns the cell of each (group,
   * arm) pair at {@code group * arms + arm}.
   */
  private static int[] cellsOf(CampaignRecipients recipients, Cells cells) {
    int arms = recipients.arms.size();
    long[] counts = new long[recipients.groups.size() * arms];
    for (int i = 0; i < recipients.size(); i++) {
      counts[recipients.group(i) * arms + recipients.arm(i)]++;
    }
    int[] cellOf = new int[counts.length];
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] > 0) {
        cellOf[k] = cells.index(recipients.groups.get(k / arms), recipients.arms.get(k % arms));
        cells.list.get(cellOf[k]).recipients = counts[k];
      }
    }
    return cellOf;
  }

  /** Each purchase of a recipient to their totals (if in their window) and to clicked items. */
  private static void add(
      PurchaseRows purchases,
      CampaignRecipients recipients,
      int[] cellOf,
      BuyerTotals buyers,
      ClickedItems clicks) {
    int arms = recipients.arms.size();
    for (int row = 0; row < purchases.size(); row++) {
      long customer = purchases.customer.getLong(row);
      int i = recipients.find(customer);
      if (i < 0) {
        continue;
      }
      long anchor = recipients.anchor(i);
      long at = purchases.at.getLong(row);
      long cents = purchases.cents.getLong(row);
      long product = purchases.product.getLong(row);
      if (product != PurchaseRows.NO_PRODUCT) {
        clicks.purchase(i, product, at, cents);
      }
      if (buyers.counts(anchor, at)) {
        int slot = buyers.slot(i);
        if (slot < 0) {
          int cell = cellOf[recipients.group(i) * arms + recipients.arm(i)];
          slot = buyers.open(i, cell, anchor);
        }
        buyers.add(slot, at, cents, purchases.order.getLong(row));
      }
    }
  }

  /** The sums per group and arm, each also reachable by a dense index for the buyers' slots. */
  private static final class Cells {
    final Map<String, Map<String, ArmSums>> sums = new TreeMap<>();
    final Map<String, Map<String, Integer>> indexes = new HashMap<>();
    final List<ArmSums> list = new ArrayList<>();
    final List<String> arms = new ArrayList<>();

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
