package io.affinity.recommender.training;

import io.affinity.core.event.EventType;
import io.affinity.core.progress.ProgressListener;
import io.micronaut.transaction.TransactionOperations;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Streams the interactions of a time window out of the events table into {@link TrainingSet}: users
 * and products become dense indexes, purchases also feed popularity, trend and repeat-purchase
 * statistics.
 */
@Singleton
public class InteractionLoader {
  private static final long DAY = 86_400_000L;
  private static final String SQL =
      "SELECT customer_id, product_id, type, occurred_at FROM events"
          + " WHERE product_id IS NOT NULL AND occurred_at >= ? AND occurred_at < ?"
          + " AND type IN ('purchase', 'conversion', 'view', 'add_to_cart', 'click')";

  private final TransactionOperations<Connection> tx;

  public InteractionLoader(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /** Reads the events in {@code [fromMillis, toMillis)}. */
  public TrainingSet load(
      long fromMillis, long toMillis, TrainingConfig config, ProgressListener progress) {
    return loadWithHoldout(fromMillis, toMillis, toMillis, config, progress).training();
  }

  /**
   * Reads the events in {@code [fromMillis, cutoffMillis)} as training data, and the purchases in
   * {@code [cutoffMillis, toMillis)} as held out: what a model trained before the cutoff should
   * have foreseen. Users and items share one index space across both parts.
   */
  public HoldoutSet loadWithHoldout(
      long fromMillis,
      long cutoffMillis,
      long toMillis,
      TrainingConfig config,
      ProgressListener progress) {
    if (cutoffMillis > toMillis) {
      throw new IllegalArgumentException("cutoff " + cutoffMillis + " is after " + toMillis);
    }
    return tx.executeRead(
        status -> {
          try {
            return read(
                status.getConnection(), fromMillis, cutoffMillis, toMillis, config, progress);
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read interactions", e);
          }
        });
  }

  private HoldoutSet read(
      Connection c,
      long from,
      long cutoff,
      long to,
      TrainingConfig config,
      ProgressListener progress)
      throws SQLException {
    Long2IntOpenHashMap users = new Long2IntOpenHashMap();
    Long2IntOpenHashMap items = new Long2IntOpenHashMap();
    users.defaultReturnValue(-1);
    items.defaultReturnValue(-1);
    InteractionData.Builder builder = new InteractionData.Builder();
    // (user, item, day) of every purchase, packed, for trend and repeat intervals.
    LongArrayList purchases = new LongArrayList();
    LongArrayList heldOut = new LongArrayList();
    long events = 0;
    progress.start("Reading events", -1);
    try (PreparedStatement ps =
        c.prepareStatement(SQL, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      ps.setFetchSize(isMySql(c) ? Integer.MIN_VALUE : 10_000); // MySQL streams only so
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Signal signal =
              Signal.of(EventType.fromWireName(rs.getString(3)).orElseThrow()).orElseThrow();
          int user = index(users, rs.getLong(1));
          int item = index(items, rs.getLong(2));
          if (rs.getLong(4) >= cutoff) {
            if (signal == Signal.PURCHASE) {
              heldOut.add(((long) user << 32) | item);
            }
            continue;
          }
          builder.add(user, item, signal);
          if (signal == Signal.PURCHASE) {
            long day = Math.max(0, (rs.getLong(4) - from) / DAY);
            purchases.add(((long) user << 40) | ((long) item << 16) | Math.min(day, 0xFFFF));
          }
          if (++events % 100_000 == 0) {
            progress.advance(100_000);
          }
        }
      }
    }
    progress.finish();
    builder.size(users.size(), items.size());
    String[] itemIds = externalIds(c, items);
    int lastDay = (int) Math.max(0, (cutoff - from) / DAY);
    long[] packed = purchases.toLongArray();
    Arrays.sort(packed);
    int[] recent = new int[items.size()];
    int[] prior = new int[items.size()];
    float[] repeatDays = repeatStatistics(packed, items.size(), lastDay, recent, prior);
    InteractionData data = builder.build(config.maxPerUser(), config.seed());
    long[] held = heldOut.toLongArray();
    Arrays.sort(held);
    return new HoldoutSet(
        new TrainingSet(data, itemIds, recent, prior, repeatDays, from, cutoff, events), held);
  }

  /**
   * Walks purchases sorted by (user, item, day): counts each buyer once per trend window, and
   * averages the gaps between distinct purchase days of the same user and item.
   */
  private static float[] repeatStatistics(
      long[] packed, int items, int lastDay, int[] recent, int[] prior) {
    double[] gapSum = new double[items];
    int[] gapCount = new int[items];
    long previousPair = -1;
    int previousDay = -1;
    boolean countedRecent = false;
    boolean countedPrior = false;
    for (long p : packed) {
      long pair = p >>> 16;
      int item = (int) (pair & 0xFFFFFF);
      int day = (int) (p & 0xFFFF);
      if (pair != previousPair) {
        previousPair = pair;
        previousDay = -1;
        countedRecent = false;
        countedPrior = false;
      }
      if (day > lastDay - TrainingSet.TREND_DAYS && !countedRecent) {
        recent[item]++;
        countedRecent = true;
      } else if (day > lastDay - 2 * TrainingSet.TREND_DAYS
          && day <= lastDay - TrainingSet.TREND_DAYS
          && !countedPrior) {
        prior[item]++;
        countedPrior = true;
      }
      if (previousDay >= 0 && day > previousDay) {
        gapSum[item] += day - previousDay;
        gapCount[item]++;
      }
      previousDay = day;
    }
    float[] repeatDays = new float[items];
    for (int i = 0; i < items; i++) {
      repeatDays[i] = gapCount[i] == 0 ? 0f : (float) (gapSum[i] / gapCount[i]);
    }
    return repeatDays;
  }

  private static int index(Long2IntOpenHashMap map, long id) {
    int index = map.get(id);
    if (index < 0) {
      index = map.size();
      map.put(id, index);
    }
    return index;
  }

  private static String[] externalIds(Connection c, Long2IntOpenHashMap items) throws SQLException {
    String[] ids = new String[items.size()];
    try (PreparedStatement ps = c.prepareStatement("SELECT id, external_id FROM products");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        int index = items.get(rs.getLong(1));
        if (index >= 0) {
          ids[index] = rs.getString(2);
        }
      }
    }
    return ids;
  }

  private static boolean isMySql(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName().toLowerCase();
    return product.contains("mysql") || product.contains("mariadb");
  }
}
