package io.affinity.core.customer;

import io.affinity.core.event.EventView;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads what a customer did from the events table: purchase totals and the latest events. */
@Singleton
public class CustomerActivity {
  private static final String PURCHASES_SQL =
      """
      SELECT COUNT(DISTINCT CASE WHEN type = 'purchase' THEN COALESCE(order_id, client_event_id) END),
             COALESCE(SUM(CASE WHEN type = 'purchase' THEN quantity * unit_price
                               WHEN type = 'return' THEN -quantity * unit_price
                               ELSE 0 END), 0),
             MIN(CASE WHEN type = 'purchase' THEN occurred_at END),
             MAX(CASE WHEN type = 'purchase' THEN occurred_at END),
             COUNT(*)
      FROM events WHERE customer_id = ?
      """;

  private static final String RECENT_SQL =
      """
      SELECT e.client_event_id, e.type, p.external_id, p.name, e.order_id, e.quantity,
             e.unit_price, e.occurred_at, e.campaign_id, e.source
      FROM events e LEFT JOIN products p ON p.id = e.product_id
      WHERE e.customer_id = ?
      ORDER BY e.occurred_at DESC, e.id DESC
      LIMIT ?
      """;

  private final TransactionOperations<Connection> tx;

  public CustomerActivity(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /** Orders, net revenue and first and last purchase of customer {@code customerId}. */
  public CustomerView.Purchases purchases(long customerId) {
    return tx.executeRead(
        status -> {
          try (PreparedStatement ps = status.getConnection().prepareStatement(PURCHASES_SQL)) {
            ps.setLong(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              BigDecimal revenue = rs.getBigDecimal(2);
              return new CustomerView.Purchases(
                  rs.getLong(1),
                  revenue.setScale(2, java.math.RoundingMode.HALF_UP),
                  instant(rs, 3),
                  instant(rs, 4),
                  rs.getLong(5));
            }
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read purchases", e);
          }
        });
  }

  /** The latest {@code limit} events of customer {@code customerId}, newest first. */
  public List<EventView> recentEvents(long customerId, int limit) {
    return tx.executeRead(
        status -> {
          try (PreparedStatement ps = status.getConnection().prepareStatement(RECENT_SQL)) {
            ps.setLong(1, customerId);
            ps.setInt(2, limit);
            List<EventView> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                events.add(
                    new EventView(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        (Integer) rs.getObject(6, Integer.class),
                        rs.getBigDecimal(7),
                        Instant.ofEpochMilli(rs.getLong(8)),
                        (Long) rs.getObject(9, Long.class),
                        rs.getString(10)));
              }
            }
            return events;
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read events", e);
          }
        });
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
