package io.affinity.campaigns.lift;

import io.affinity.core.bulk.Streaming;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Clicks per item of a campaign and what the clickers then bought of the clicked item, after their
 * first click on it and within their window. The clicks are read first (per clicker and item, so a
 * purchase counts once however often its buyer clicked); the purchases then come from the same rows
 * as the attribution ({@link #purchase}), which is why those carry product ids.
 *
 * <p>Slots are not in the events table; per-slot figures belong to the tracking table.
 */
final class ClickedItems {
  private static final int CHUNK = 500;

  /** Clicker and item: clicks, first click, window end, matching purchase lines and their cents. */
  private static final class Pair {
    final long product;
    long clicks;
    long firstClick = Long.MAX_VALUE;
    long windowEnd;
    long boughtLines;
    long cents;

    Pair(long product) {
      this.product = product;
    }
  }

  private final Long2ObjectOpenHashMap<List<Pair>> byClicker = new Long2ObjectOpenHashMap<>();
  private long firstClick = Long.MAX_VALUE;
  // The clickers' pairs again by recipient index: each purchase line of a recipient looks here,
  // an array read where the hash map's probe was a tenth of the matching's time.
  private List<Pair>[] byRecipient;

  /** Reads the campaign's clicks on items; {@link #keepRecipients} then sets their windows. */
  static ClickedItems read(Connection c, CampaignFacts campaign) throws SQLException {
    ClickedItems items = new ClickedItems();
    try (PreparedStatement ps = c.prepareStatement(AttributionQueries.CLICKS)) {
      Streaming.enable(c, ps);
      ps.setLong(1, campaign.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          items.click(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
      }
    }
    return items;
  }

  private void click(long customer, long product, long at) {
    List<Pair> pairs = byClicker.computeIfAbsent(customer, k -> new ArrayList<>(2));
    Pair pair = null;
    for (Pair p : pairs) {
      if (p.product == product) {
        pair = p;
      }
    }
    if (pair == null) {
      pair = new Pair(product);
      pairs.add(pair);
    }
    pair.clicks++;
    pair.firstClick = Math.min(pair.firstClick, at);
    firstClick = Math.min(firstClick, at);
  }

  /** Drops the clicks of non-recipients; the others' windows end at their anchor + window. */
  @SuppressWarnings("unchecked")
  void keepRecipients(CampaignRecipients recipients, long window) {
    byRecipient = new List[recipients.size()];
    var clickers = byClicker.long2ObjectEntrySet().fastIterator();
    while (clickers.hasNext()) {
      var clicker = clickers.next();
      int i = recipients.find(clicker.getLongKey());
      if (i < 0) {
        clickers.remove();
      } else {
        byRecipient[i] = clicker.getValue();
        for (Pair p : clicker.getValue()) {
          p.windowEnd = recipients.anchor(i) + window;
        }
      }
    }
  }

  /**
   * The earliest click (of anyone), {@link Long#MAX_VALUE} without clicks: the purchases read must
   * reach back to it.
   */
  long firstClick() {
    return firstClick;
  }

  /**
   * A purchase line of the stream by recipient {@code i} (of {@link #keepRecipients}); counts if
   * they clicked the item before, in their window.
   */
  void purchase(int i, long product, long at, long cents) {
    List<Pair> pairs = byRecipient[i];
    if (pairs == null) {
      return;
    }
    for (Pair p : pairs) {
      if (p.product == product && at >= p.firstClick && at < p.windowEnd) {
        p.boughtLines++;
        p.cents += cents;
      }
    }
  }

  /** The {@code limit} most clicked items, most clicked first, ties by the shop's product id. */
  List<ItemClicks> top(Connection c, int limit) throws SQLException {
    Map<Long, long[]> perItem = new HashMap<>(); // clicks, clickers, buyers, cents
    for (List<Pair> pairs : byClicker.values()) {
      for (Pair p : pairs) {
        long[] item = perItem.computeIfAbsent(p.product, k -> new long[4]);
        item[0] += p.clicks;
        item[1]++;
        item[2] += p.boughtLines > 0 ? 1 : 0;
        item[3] += p.cents;
      }
    }
    // Only items with at least as many clicks as the limit-th need their names for the tie-break.
    long[] clicks = perItem.values().stream().mapToLong(v -> v[0]).sorted().toArray();
    long threshold = clicks.length <= limit ? Long.MIN_VALUE : clicks[clicks.length - limit];
    LongArrayList candidates = new LongArrayList();
    perItem.forEach(
        (product, v) -> {
          if (v[0] >= threshold) {
            candidates.add(product.longValue());
          }
        });
    Map<Long, String[]> names = names(c, candidates);
    List<ItemClicks> items = new ArrayList<>();
    for (long product : candidates) {
      long[] v = perItem.get(product);
      String[] name = names.getOrDefault(product, new String[2]);
      items.add(
          new ItemClicks(
              name[0], name[1], v[0], v[1], v[2], BigDecimal.valueOf(v[3], 2).doubleValue()));
    }
    items.sort(
        Comparator.comparingLong(ItemClicks::clicks)
            .reversed()
            .thenComparing(
                ItemClicks::productId, Comparator.nullsFirst(Comparator.naturalOrder())));
    return items.size() > limit ? List.copyOf(items.subList(0, limit)) : items;
  }

  private static Map<Long, String[]> names(Connection c, LongArrayList ids) throws SQLException {
    Map<Long, String[]> names = new HashMap<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      int to = Math.min(ids.size(), from + CHUNK);
      String sql =
          "SELECT id, external_id, name FROM products WHERE id IN ("
              + "?,".repeat(to - from - 1)
              + "?)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = from; i < to; i++) {
          ps.setLong(i - from + 1, ids.getLong(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            names.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
          }
        }
      }
    }
    return names;
  }
}
