package io.affinity.bench.segments;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Fills {@code customer_metrics} for the benchmark with one SQL aggregate over purchases: last and
 * first purchase, orders, revenue, average order value, and crude recency and frequency scores. A
 * stand-in for the customer-value code, so that metric conditions have realistic columns to read;
 * the segment count does not depend on how the figures were computed.
 */
final class BenchMetrics {
  /** Created once the metrics are filled (lower case: H2 runs with DATABASE_TO_LOWER). */
  private static final String MARKER = "bench_metrics_filled";

  private BenchMetrics() {}

  /** Whether {@link #fill} has completed on this database (a marker table says so). */
  static boolean filled(TransactionOperations<Connection> tx) {
    return tx.executeRead(
        s -> {
          try (ResultSet rs =
              s.getConnection()
                  .getMetaData()
                  .getTables(null, null, MARKER, new String[] {"TABLE"})) {
            return rs.next();
          }
        });
  }

  /**
   * Replaces every row of {@code customer_metrics} (an incremental refresh during the load may have
   * written some) with the stand-in aggregate as of {@code asOf}, then creates the marker.
   */
  static void fill(Connection c, long asOf) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("TRUNCATE TABLE customer_metrics")) {
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO customer_metrics (customer_id, first_purchase_at, last_purchase_at,"
                + " orders, revenue, avg_order_value, computed_at)"
                + " SELECT customer_id, MIN(occurred_at), MAX(occurred_at),"
                + " COUNT(DISTINCT order_id), SUM(quantity * unit_price),"
                + " SUM(quantity * unit_price) / COUNT(DISTINCT order_id), ?"
                + " FROM events WHERE type = 'purchase' GROUP BY customer_id")) {
      ps.setLong(1, asOf);
      ps.executeUpdate();
    }
    long day = 86_400_000L;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE customer_metrics SET"
                + " r_score = CASE WHEN last_purchase_at > ? THEN 5 WHEN last_purchase_at > ?"
                + " THEN 4 WHEN last_purchase_at > ? THEN 3 WHEN last_purchase_at > ? THEN 2"
                + " ELSE 1 END,"
                + " f_score = CASE WHEN orders >= 10 THEN 5 WHEN orders >= 6 THEN 4"
                + " WHEN orders >= 3 THEN 3 WHEN orders >= 2 THEN 2 ELSE 1 END")) {
      ps.setLong(1, asOf - 30 * day);
      ps.setLong(2, asOf - 90 * day);
      ps.setLong(3, asOf - 180 * day);
      ps.setLong(4, asOf - 365 * day);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE customer_metrics SET rfm_segment = CASE"
                + " WHEN r_score >= 4 AND f_score >= 4 THEN 'champions'"
                + " WHEN r_score >= 3 AND f_score >= 3 THEN 'loyal'"
                + " WHEN r_score <= 2 AND f_score >= 3 THEN 'at_risk'"
                + " WHEN r_score >= 4 THEN 'new_customers'"
                + " ELSE 'hibernating' END")) {
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("CREATE TABLE " + MARKER + " (done INT)")) {
      ps.executeUpdate();
    }
  }
}
