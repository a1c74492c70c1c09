package io.affinity.bench.segments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The baseline: the benchmark's rule tree written as one would without precomputed facts, with
 * behaviour read straight from the events table (joined to products for the category prefix).
 */
final class NaiveSegmentSql {
  private NaiveSegmentSql() {}

  static final String SQL =
      "SELECT COUNT(*) FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id"
          + " WHERE m.last_purchase_at > ?"
          + " AND COALESCE(m.orders, 0) >= ?"
          + " AND c.email_consent = TRUE"
          + " AND EXISTS (SELECT 1 FROM events e JOIN products p ON p.id = e.product_id"
          + "   WHERE e.customer_id = c.id AND e.type = 'purchase' AND e.occurred_at >= ?"
          + "   AND (p.category_path = ? OR p.category_path LIKE ?))"
          + " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.customer_id = c.id"
          + "   AND e.type = 'click' AND e.occurred_at >= ?)";

  /** The count of {@link SegmentCountBench#rule}, as of {@code asOf}. */
  static long count(Connection c, BenchRule r, long asOf) throws SQLException {
    long day = 86_400_000L;
    try (PreparedStatement ps = c.prepareStatement(SQL)) {
      ps.setLong(1, asOf - (r.recencyDays() + 1) * day);
      ps.setLong(2, r.minOrders());
      ps.setLong(3, asOf - r.boughtWithinDays() * day);
      ps.setString(4, r.category());
      ps.setString(5, r.category() + "/%");
      ps.setLong(6, asOf - r.notClickedWithinDays() * day);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
