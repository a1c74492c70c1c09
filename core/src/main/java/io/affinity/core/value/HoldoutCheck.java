package io.affinity.core.value;

import io.affinity.core.progress.ProgressListener;
import io.micronaut.transaction.TransactionOperations;
import it.unimi.dsi.fastutil.longs.Long2DoubleOpenHashMap;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks the predicted-CLV models on a temporal holdout: fit on the events before a cut-off,
 * predict each calibration buyer's purchase days and spend until the end of the data, compare with
 * what they did. Reads only; writes nothing.
 */
@Singleton
public class HoldoutCheck {
  // Purchase days count days with a purchase only: a day with nothing but a return is no purchase
  // day (the model predicts purchase days), while spend is net of returns.
  private static final String ACTUAL =
      """
      SELECT customer_id,
        COUNT(DISTINCT CASE WHEN type = 'purchase' THEN FLOOR(occurred_at / 86400000) END),
        SUM(CASE WHEN type = 'purchase' THEN quantity * unit_price ELSE -quantity * unit_price END)
      FROM events
      WHERE type IN ('purchase', 'return') AND occurred_at >= ? AND occurred_at < ?
      GROUP BY customer_id
      """;

  private static final String PURCHASE_DAYS =
      """
      SELECT customer_id, COUNT(DISTINCT FLOOR(occurred_at / 86400000))
      FROM events WHERE type = 'purchase' AND occurred_at >= ? AND occurred_at < ?
      GROUP BY customer_id
      """;

  private static final String LAST_PURCHASE =
      "SELECT MAX(occurred_at) FROM events WHERE type = 'purchase'";

  private final TransactionOperations<Connection> tx;

  public HoldoutCheck(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /**
   * Holds out the last {@code months} calendar months before the latest purchase (the end of the
   * data) and checks the predictions on them.
   */
  public HoldoutReport lastMonths(int months, ProgressListener progress) {
    return lastMonths(months, null, progress);
  }

  /**
   * Holds out the {@code months} calendar months before {@code end} (the end of the data if null),
   * ignoring events from {@code end} on, and checks the predictions on them.
   */
  public HoldoutReport lastMonths(int months, Instant end, ProgressListener progress) {
    if (months < 1 || months > 120) {
      throw new IllegalArgumentException("months must be 1 to 120, got " + months);
    }
    if (end != null) {
      return check(
          end.atZone(ZoneOffset.UTC).minusMonths(months).toInstant().toEpochMilli(),
          end.toEpochMilli(),
          progress);
    }
    long last =
        tx.executeRead(
            status -> {
              try (PreparedStatement ps = status.getConnection().prepareStatement(LAST_PURCHASE);
                  ResultSet rs = ps.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                if (rs.wasNull()) {
                  throw new IllegalStateException("No purchase in the database");
                }
                return v;
              }
            });
    // Whole UTC days: the cut-off and the end fall at midnight, as the models count days.
    long dataEnd = (Math.floorDiv(last, MetricsScorer.DAY) + 1) * MetricsScorer.DAY;
    long cutoff =
        Instant.ofEpochMilli(dataEnd)
            .atZone(ZoneOffset.UTC)
            .minusMonths(months)
            .toInstant()
            .toEpochMilli();
    return check(cutoff, dataEnd, progress);
  }

  /** Fits on events before {@code cutoff}, compares predictions with {@code [cutoff, end)}. */
  public HoldoutReport check(long cutoff, long end, ProgressListener progress) {
    double horizon = (end - cutoff) / (double) MetricsScorer.DAY;
    progress.start("reading calibration events", -1);
    List<RawMetrics> buyers =
        tx
            .executeRead(
                status ->
                    RawMetricsReader.readAll(status.getConnection(), cutoff, progress::advance))
            .stream()
            .filter(RawMetrics::isBuyer)
            .toList();
    progress.finish();
    progress.start("reading holdout events", -1);
    Long2DoubleOpenHashMap actualDays = new Long2DoubleOpenHashMap();
    Long2DoubleOpenHashMap actualSpend = new Long2DoubleOpenHashMap();
    Long2DoubleOpenHashMap previousDays = new Long2DoubleOpenHashMap();
    long previousStart = cutoff - (end - cutoff);
    tx.executeRead(
        status -> {
          Connection c = status.getConnection();
          readActual(c, cutoff, end, actualDays, actualSpend);
          readDays(c, previousStart, cutoff, previousDays);
          return null;
        });
    progress.finish();
    progress.start("fitting models", -1);
    List<RepeatHistory> histories = Histories.of(buyers, cutoff);
    FittedModels models = FittedModels.fit(histories);
    progress.finish();
    if (models.bgNbd() == null) {
      throw new IllegalStateException("Too little calibration data to fit BG/NBD");
    }
    return report(
        cutoff, end, horizon, buyers, histories, models, actualDays, actualSpend, previousDays);
  }

  /** Each customer's purchase days and net spend in {@code [from, to)}. */
  static void readActual(
      Connection c, long from, long to, Long2DoubleOpenHashMap days, Long2DoubleOpenHashMap spend)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ACTUAL)) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          days.put(rs.getLong(1), rs.getDouble(2));
          spend.put(rs.getLong(1), rs.getDouble(3));
        }
      }
    }
  }

  private static void readDays(Connection c, long from, long to, Long2DoubleOpenHashMap into)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(PURCHASE_DAYS)) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          into.put(rs.getLong(1), rs.getDouble(2));
        }
      }
    }
  }

  private static HoldoutReport report(
      long cutoff,
      long end,
      double horizon,
      List<RawMetrics> buyers,
      List<RepeatHistory> histories,
      FittedModels models,
      Long2DoubleOpenHashMap actualDays,
      Long2DoubleOpenHashMap actualSpend,
      Long2DoubleOpenHashMap previousDays) {
    int n = buyers.size();
    double[][] rows = new double[n][4]; // predicted, actual, predicted spend, actual spend
    double sumPred = 0;
    double sumActual = 0;
    double absError = 0;
    double squared = 0;
    double naiveError = 0;
    double sumPredSpend = 0;
    double sumActualSpend = 0;
    double absSpend = 0;
    for (int i = 0; i < n; i++) {
      RepeatHistory h = histories.get(i);
      long id = buyers.get(i).customerId();
      double predicted = models.bgNbd().expectedPurchases(horizon, h.x(), h.tx(), h.bigT());
      double spendPerPurchase =
          models.gammaGamma() == null
              ? Math.max(0, h.meanValue())
              : models.gammaGamma().expectedValue(h.x() + 1, h.meanValue());
      double predictedSpend = predicted * spendPerPurchase;
      double actual = actualDays.get(id);
      double spent = actualSpend.get(id);
      rows[i] = new double[] {predicted, actual, predictedSpend, spent};
      sumPred += predicted;
      sumActual += actual;
      absError += Math.abs(predicted - actual);
      squared += (predicted - actual) * (predicted - actual);
      naiveError += Math.abs(previousDays.get(id) - actual);
      sumPredSpend += predictedSpend;
      sumActualSpend += spent;
      absSpend += Math.abs(predictedSpend - spent);
    }
    List<double[]> sorted = new ArrayList<>(List.of(rows));
    sorted.sort(Comparator.comparingDouble((double[] r) -> r[0]).reversed());
    List<HoldoutReport.Decile> deciles = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      int from = (int) ((long) n * d / 10);
      int to = (int) ((long) n * (d + 1) / 10);
      double[] sums = new double[4];
      for (int i = from; i < to; i++) {
        for (int k = 0; k < 4; k++) {
          sums[k] += sorted.get(i)[k];
        }
      }
      int size = Math.max(1, to - from);
      deciles.add(
          new HoldoutReport.Decile(
              d + 1, to - from, sums[0] / size, sums[1] / size, sums[2] / size, sums[3] / size));
    }
    double count = Math.max(1, n);
    return new HoldoutReport(
        Instant.ofEpochMilli(cutoff),
        Instant.ofEpochMilli(end),
        horizon,
        n,
        models.bgNbd(),
        models.gammaGamma(),
        sumActual,
        sumPred,
        absError / count,
        Math.sqrt(squared / count),
        naiveError / count,
        sumActualSpend,
        sumPredSpend,
        absSpend / count,
        deciles);
  }
}
