package io.affinity.core.value;

import io.affinity.core.progress.ProgressListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Computes {@code customer_metrics}: in full on demand (every customer, new quintiles, newly fitted
 * models) and for a few customers as their events arrive (with the last full run's quintiles and
 * models).
 *
 * <p>A full run and an incremental refresh never overlap in this process: a refresh waits for the
 * run, then recomputes its customers from the events, so nothing ingested during a run is lost.
 */
@Singleton
public class CustomerValueService {
  private final TransactionOperations<Connection> tx;
  private final ReentrantLock writing = new ReentrantLock();

  /** How long the last run's parameters are trusted before being reread. */
  private static final long PARAMETERS_TTL_MILLIS = 60_000;

  private volatile Optional<ValueParameters> parameters;
  private volatile long parametersReadAt;

  private final Clock clock;

  public CustomerValueService(TransactionOperations<Connection> tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  /** Recomputes every customer, observing up to now (the service clock). */
  public RecomputeSummary recomputeAll(ProgressListener progress) {
    return recomputeAll(null, progress);
  }

  /**
   * Recomputes every customer from the events before {@code asOf} (all events if null, observing up
   * to now on the service clock, the one every "days since" counts to): reads the customers'
   * totals, cuts quintiles, fits BG/NBD and Gamma-Gamma, and replaces the whole table in one
   * transaction.
   */
  public RecomputeSummary recomputeAll(Instant asOf, ProgressListener progress) {
    long started = System.currentTimeMillis();
    writing.lock();
    try {
      long before = asOf == null ? Long.MAX_VALUE : asOf.toEpochMilli();
      progress.start("reading events", -1);
      List<RawMetrics> raws =
          tx.executeRead(status -> read(status.getConnection(), before, progress));
      progress.finish();
      long end = asOf != null ? asOf.toEpochMilli() : clock.millis();

      progress.start("fitting models", -1);
      List<RawMetrics> buyers = raws.stream().filter(RawMetrics::isBuyer).toList();
      ValueParameters params = parameters(buyers, end);
      progress.finish();

      progress.start("scoring", raws.size());
      long now = System.currentTimeMillis();
      List<CustomerMetrics> rows = new ArrayList<>(raws.size());
      for (RawMetrics raw : raws) {
        rows.add(MetricsScorer.score(raw, params, end, now));
        if (rows.size() % 10_000 == 0) {
          progress.advance(10_000);
        }
      }
      progress.advance(rows.size() % 10_000);
      progress.finish();

      progress.start("writing", rows.size());
      tx.executeWrite(
          status -> {
            Connection c = status.getConnection();
            MetricsTable.deleteAll(c);
            for (int from = 0; from < rows.size(); from += 10_000) {
              List<CustomerMetrics> chunk =
                  rows.subList(from, Math.min(rows.size(), from + 10_000));
              MetricsTable.insert(c, chunk);
              progress.advance(chunk.size());
            }
            if (params != null) {
              ValueRuns.save(
                  c, params, rows.size(), buyers.size(), started, System.currentTimeMillis());
            }
            return null;
          });
      progress.finish();
      if (params != null) {
        parameters = Optional.of(params);
        parametersReadAt = System.currentTimeMillis();
      }
      return new RecomputeSummary(
          rows.size(),
          buyers.size(),
          Instant.ofEpochMilli(end),
          params == null ? null : params.bgNbd(),
          params == null ? null : params.gammaGamma(),
          System.currentTimeMillis() - started);
    } finally {
      writing.unlock();
    }
  }

  /**
   * Recomputes the rows of {@code customerIds} from their events, scoring with the last full run's
   * quintiles and models (none before the first run).
   */
  public void refresh(Collection<Long> customerIds) {
    if (customerIds.isEmpty()) {
      return;
    }
    writing.lock();
    try {
      Optional<ValueParameters> params = parameters();
      long now = System.currentTimeMillis();
      tx.executeWrite(
          status -> {
            Connection c = status.getConnection();
            List<RawMetrics> raws = RawMetricsReader.readSome(c, Long.MAX_VALUE, customerIds);
            List<CustomerMetrics> rows = new ArrayList<>(raws.size());
            for (RawMetrics raw : raws) {
              rows.add(MetricsScorer.score(raw, params.orElse(null), now, now));
            }
            MetricsTable.delete(c, customerIds);
            MetricsTable.insert(c, rows);
            return null;
          });
    } finally {
      writing.unlock();
    }
  }

  /**
   * {@code m} as the API shows it, its recency counted to now on the service clock (so that it
   * agrees with a segment's {@code recency_days}).
   */
  public CustomerValue view(@Nullable String externalId, @Nullable String name, CustomerMetrics m) {
    return CustomerValue.of(externalId, name, m, clock.millis());
  }

  /** The stored metrics of customer {@code customerId} (our internal id), if any. */
  public Optional<CustomerMetrics> find(long customerId) {
    return tx.executeRead(status -> MetricsTable.find(status.getConnection(), customerId));
  }

  /**
   * The parameters of the last full run, if any. Reread at most a minute after the last read:
   * another process (the command line, another node) may have run one meanwhile.
   */
  public Optional<ValueParameters> parameters() {
    Optional<ValueParameters> cached = parameters;
    long now = System.currentTimeMillis();
    if (cached == null || cached.isEmpty() || now - parametersReadAt > PARAMETERS_TTL_MILLIS) {
      cached = tx.executeRead(status -> ValueRuns.latest(status.getConnection()));
      parameters = cached;
      parametersReadAt = now;
    }
    return cached;
  }

  private static List<RawMetrics> read(Connection c, long before, ProgressListener progress)
      throws SQLException {
    return RawMetricsReader.readAll(c, before, progress::advance);
  }

  /** Quintiles and models of {@code buyers}, or null if there is no buyer. */
  static ValueParameters parameters(List<RawMetrics> buyers, long asOf) {
    if (buyers.isEmpty()) {
      return null;
    }
    double[] last = new double[buyers.size()];
    double[] orders = new double[buyers.size()];
    double[] revenue = new double[buyers.size()];
    for (int i = 0; i < buyers.size(); i++) {
      RawMetrics b = buyers.get(i);
      last[i] = b.lastPurchaseAt();
      orders[i] = b.orders();
      revenue[i] = b.revenue().setScale(2, java.math.RoundingMode.HALF_UP).doubleValue();
    }
    FittedModels models = FittedModels.fit(Histories.of(buyers, asOf));
    return new ValueParameters(
        asOf,
        Quintiles.of(last),
        Quintiles.of(orders),
        Quintiles.of(revenue),
        models.bgNbd(),
        models.gammaGamma());
  }
}
