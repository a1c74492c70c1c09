package io.affinity.core.value;

import io.affinity.core.bulk.MultiRowInsert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Writes and reads {@code customer_metrics} rows. Writes replace rows: delete by customer, then
 * multi-row inserts, so the same statements run on H2 and MySQL without an upsert dialect.
 */
final class MetricsTable {
  /** Separates categories in {@code top_categories}; a category path does not contain it. */
  static final String CATEGORY_SEPARATOR = "|";

  private static final List<String> COLUMNS =
      List.of(
          "customer_id",
          "as_of",
          "first_purchase_at",
          "last_purchase_at",
          "recency_days",
          "tenure_days",
          "orders",
          "purchase_days",
          "revenue",
          "avg_order_value",
          "r_score",
          "f_score",
          "m_score",
          "rfm_segment",
          "historic_clv",
          "expected_purchases_12m",
          "predicted_clv_12m",
          "churn_probability",
          "p_alive",
          "top_categories",
          "preferred_channel",
          "last_campaign_response",
          "last_campaign_id",
          "last_campaign_response_at",
          "computed_at");

  private static final int ROWS_PER_STATEMENT = 500;
  private static final MultiRowInsert INSERT = new MultiRowInsert("customer_metrics", COLUMNS);
  private static final String SELECT =
      "SELECT " + String.join(", ", COLUMNS) + " FROM customer_metrics";

  private MetricsTable() {}

  /** Deletes every row: the start of a full run's replacement, inside its transaction. */
  static void deleteAll(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM customer_metrics")) {
      ps.executeUpdate();
    }
  }

  /** Deletes the rows of {@code customerIds}. */
  static void delete(Connection c, Collection<Long> customerIds) throws SQLException {
    List<Long> ids = new ArrayList<>(customerIds);
    for (int from = 0; from < ids.size(); from += ROWS_PER_STATEMENT) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + ROWS_PER_STATEMENT));
      String sql =
          "DELETE FROM customer_metrics WHERE customer_id IN ("
              + "?, ".repeat(chunk.size() - 1)
              + "?)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        ps.executeUpdate();
      }
    }
  }

  /** Inserts {@code rows}, which must not be stored yet. */
  static void insert(Connection c, List<CustomerMetrics> rows) throws SQLException {
    List<Object[]> values = new ArrayList<>(rows.size());
    for (CustomerMetrics m : rows) {
      values.add(values(m));
    }
    INSERT.insert(c, values);
  }

  /** The row of {@code customerId}, if stored. */
  static Optional<CustomerMetrics> find(Connection c, long customerId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE customer_id = ?")) {
      ps.setLong(1, customerId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs, 1)) : Optional.empty();
      }
    }
  }

  /** The column list, for queries that join other tables: prefix {@code m.}. */
  static String columns(String alias) {
    return alias + "." + String.join(", " + alias + ".", COLUMNS);
  }

  /** Reads a row whose metrics columns start at {@code first} (1-based). */
  static CustomerMetrics read(ResultSet rs, int first) throws SQLException {
    int p = first;
    return new CustomerMetrics(
        rs.getLong(p++),
        rs.getLong(p++),
        (Long) rs.getObject(p++, Long.class),
        (Long) rs.getObject(p++, Long.class),
        (Integer) rs.getObject(p++, Integer.class),
        (Integer) rs.getObject(p++, Integer.class),
        rs.getInt(p++),
        rs.getInt(p++),
        rs.getBigDecimal(p++),
        rs.getBigDecimal(p++),
        (Integer) rs.getObject(p++, Integer.class),
        (Integer) rs.getObject(p++, Integer.class),
        (Integer) rs.getObject(p++, Integer.class),
        rs.getString(p++),
        rs.getBigDecimal(p++),
        (Double) rs.getObject(p++, Double.class),
        rs.getBigDecimal(p++),
        (Double) rs.getObject(p++, Double.class),
        (Double) rs.getObject(p++, Double.class),
        categories(rs.getString(p++)),
        rs.getString(p++),
        rs.getString(p++),
        (Long) rs.getObject(p++, Long.class),
        (Long) rs.getObject(p++, Long.class),
        rs.getLong(p));
  }

  private static List<String> categories(String joined) {
    return joined == null || joined.isEmpty()
        ? List.of()
        : Arrays.asList(joined.split(java.util.regex.Pattern.quote(CATEGORY_SEPARATOR)));
  }

  /** The categories as stored: joined, and cut to the column's 500 characters at a separator. */
  static String joinCategories(List<String> categories) {
    StringBuilder joined = new StringBuilder();
    for (String category : categories) {
      int extra = category.length() + (joined.length() == 0 ? 0 : 1);
      if (joined.length() + extra > 500) {
        break;
      }
      if (joined.length() > 0) {
        joined.append(CATEGORY_SEPARATOR);
      }
      joined.append(category);
    }
    return joined.length() == 0 ? null : joined.toString();
  }

  private static Object[] values(CustomerMetrics m) {
    return new Object[] {
      m.customerId(),
      m.asOf(),
      m.firstPurchaseAt(),
      m.lastPurchaseAt(),
      m.recencyDays(),
      m.tenureDays(),
      m.orders(),
      m.purchaseDays(),
      m.revenue(),
      m.avgOrderValue(),
      m.rScore(),
      m.fScore(),
      m.mScore(),
      m.rfmSegment(),
      m.historicClv(),
      m.expectedPurchases12m(),
      m.predictedClv12m(),
      m.churnProbability(),
      m.probabilityAlive(),
      joinCategories(m.topCategories()),
      m.preferredChannel(),
      m.lastCampaignResponse(),
      m.lastCampaignId(),
      m.lastCampaignResponseAt(),
      m.computedAt()
    };
  }
}
