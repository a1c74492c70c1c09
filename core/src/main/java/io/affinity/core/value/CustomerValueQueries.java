package io.affinity.core.value;

import io.affinity.core.error.InvalidInputException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads customer value for marketers: the best customers and the summary of the base. */
@Singleton
public class CustomerValueQueries {
  /** The most customers one "best customers" request returns. */
  public static final int MAX_LIMIT = 1000;

  private static final String SEGMENTS =
      """
      SELECT rfm_segment, COUNT(*), COALESCE(SUM(revenue), 0), SUM(predicted_clv_12m)
      FROM customer_metrics WHERE orders > 0 GROUP BY rfm_segment
      """;

  private static final String REVENUE_DESC =
      "SELECT revenue FROM customer_metrics WHERE orders > 0 ORDER BY revenue DESC LIMIT ?";

  private final TransactionOperations<Connection> tx;
  private final CustomerValueService values;

  public CustomerValueQueries(TransactionOperations<Connection> tx, CustomerValueService values) {
    this.tx = tx;
    this.values = values;
  }

  /**
   * The {@code limit} best customers by {@code by}, best first; customers without that figure (not
   * yet scored) are left out.
   *
   * @throws InvalidInputException if {@code limit} is outside 1 to {@value #MAX_LIMIT}
   */
  public List<CustomerValue> best(BestBy by, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
    }
    // The column comes from the enum, never from the request.
    String sql =
        "SELECT c.external_id, c.name, "
            + MetricsTable.columns("m")
            + " FROM customer_metrics m JOIN customers c ON c.id = m.customer_id WHERE m."
            + by.column()
            + " IS NOT NULL ORDER BY m."
            + by.column()
            + " DESC, m.customer_id LIMIT ?";
    return tx.executeRead(
        status -> {
          try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
            ps.setInt(1, limit);
            List<CustomerValue> out = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(values.view(rs.getString(1), rs.getString(2), MetricsTable.read(rs, 3)));
              }
            }
            return out;
          }
        });
  }

  /** Segment sizes and revenue, and the revenue share of the top decile. */
  public ValueSummary summary() {
    Optional<ValueParameters> params = values.parameters();
    return tx.executeRead(
        status -> {
          Connection c = status.getConnection();
          Map<String, Object[]> bySegment = new HashMap<>();
          long buyers = 0;
          BigDecimal revenue = BigDecimal.ZERO;
          BigDecimal predicted = null;
          try (PreparedStatement ps = c.prepareStatement(SEGMENTS);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              long n = rs.getLong(2);
              BigDecimal segmentRevenue = rs.getBigDecimal(3);
              BigDecimal segmentPredicted = rs.getBigDecimal(4);
              bySegment.put(rs.getString(1), new Object[] {n, segmentRevenue, segmentPredicted});
              buyers += n;
              revenue = revenue.add(segmentRevenue);
              if (segmentPredicted != null) {
                predicted = predicted == null ? segmentPredicted : predicted.add(segmentPredicted);
              }
            }
          }
          List<ValueSummary.Segment> segments = new ArrayList<>();
          for (RfmSegment s : RfmSegment.values()) {
            Object[] row =
                bySegment.getOrDefault(s.wireName(), new Object[] {0L, BigDecimal.ZERO, null});
            long n = (Long) row[0];
            BigDecimal r = ((BigDecimal) row[1]).setScale(2, RoundingMode.HALF_UP);
            segments.add(
                new ValueSummary.Segment(
                    s.wireName(),
                    n,
                    share(BigDecimal.valueOf(n), BigDecimal.valueOf(buyers)),
                    r,
                    share(r, revenue),
                    row[2] == null
                        ? null
                        : ((BigDecimal) row[2]).setScale(2, RoundingMode.HALF_UP)));
          }
          segments.sort(java.util.Comparator.comparing(ValueSummary.Segment::revenue).reversed());
          long unscored = bySegment.containsKey(null) ? (Long) bySegment.get(null)[0] : 0;
          return new ValueSummary(
              buyers,
              revenue.setScale(2, RoundingMode.HALF_UP),
              share(topDecile(c, buyers), revenue),
              segments,
              unscored,
              predicted == null ? null : predicted.setScale(2, RoundingMode.HALF_UP),
              params.map(p -> Instant.ofEpochMilli(p.asOf())).orElse(null),
              params.map(ValueParameters::bgNbd).orElse(null),
              params.map(ValueParameters::gammaGamma).orElse(null));
        });
  }

  /** The net revenue of the top ceil(buyers / 10) buyers. */
  private static BigDecimal topDecile(Connection c, long buyers) throws SQLException {
    if (buyers == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal sum = BigDecimal.ZERO;
    try (PreparedStatement ps = c.prepareStatement(REVENUE_DESC)) {
      ps.setLong(1, (buyers + 9) / 10);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sum = sum.add(rs.getBigDecimal(1));
        }
      }
    }
    return sum;
  }

  /** {@code part / whole} to four decimals, 0 when the whole is not positive. */
  private static double share(BigDecimal part, BigDecimal whole) {
    return whole.signum() <= 0 ? 0 : part.divide(whole, 4, RoundingMode.HALF_UP).doubleValue();
  }
}
