package io.affinity.core.event;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Writes event rows with multi-row {@code INSERT IGNORE} statements: one round trip per thousand
 * events, and a row whose client event id is already stored is skipped, which makes retries safe.
 */
final class EventWriter {
  private static final int ROWS_PER_STATEMENT = 1000;
  private static final String HEAD =
      "INSERT IGNORE INTO events (client_event_id, customer_id, product_id, type, order_id,"
          + " quantity, unit_price, occurred_at, campaign_id, source, received_at) VALUES ";
  private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String FULL_SQL = sql(ROWS_PER_STATEMENT);

  /** An event ready to be written, with internal ids resolved. */
  record Row(
      String clientEventId,
      long customerId,
      Long productId,
      String type,
      String orderId,
      Integer quantity,
      BigDecimal unitPrice,
      long occurredAt,
      Long campaignId,
      String source) {}

  private EventWriter() {}

  /** Writes {@code rows}; returns how many were new (the others were duplicates). */
  static int write(Connection c, List<Row> rows, long receivedAt) throws SQLException {
    int stored = 0;
    for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
      List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
      String sql = chunk.size() == ROWS_PER_STATEMENT ? FULL_SQL : sql(chunk.size());
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int p = 1;
        for (Row r : chunk) {
          ps.setString(p++, r.clientEventId());
          ps.setLong(p++, r.customerId());
          setLong(ps, p++, r.productId());
          ps.setString(p++, r.type());
          ps.setString(p++, r.orderId());
          if (r.quantity() == null) {
            ps.setNull(p++, Types.INTEGER);
          } else {
            ps.setInt(p++, r.quantity());
          }
          ps.setBigDecimal(p++, r.unitPrice());
          ps.setLong(p++, r.occurredAt());
          setLong(ps, p++, r.campaignId());
          ps.setString(p++, r.source());
          ps.setLong(p++, receivedAt);
        }
        stored += ps.executeUpdate();
      }
    }
    return stored;
  }

  private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  private static String sql(int rows) {
    StringBuilder s = new StringBuilder(HEAD.length() + rows * (ROW.length() + 2)).append(HEAD);
    for (int i = 0; i < rows; i++) {
      if (i > 0) {
        s.append(", ");
      }
      s.append(ROW);
    }
    return s.toString();
  }
}
