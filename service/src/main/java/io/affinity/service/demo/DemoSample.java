package io.affinity.service.demo;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Picks ids for the demo's example requests: a customer with purchases and a product. */
@Singleton
public class DemoSample {
  private final TransactionOperations<Connection> tx;

  public DemoSample(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /** A customer among the first thousand with purchases, the one with most events. */
  public Optional<String> customer() {
    return first(
        "SELECT c.external_id FROM customers c JOIN events e ON e.customer_id = c.id"
            + " WHERE e.type = 'purchase' AND c.id <= (SELECT MIN(id) + 1000 FROM customers)"
            + " GROUP BY c.external_id ORDER BY COUNT(*) DESC, c.external_id LIMIT 1");
  }

  /** The product bought most often. */
  public Optional<String> product() {
    return first(
        "SELECT p.external_id FROM products p JOIN events e ON e.product_id = p.id"
            + " WHERE e.type = 'purchase' GROUP BY p.external_id ORDER BY COUNT(*) DESC,"
            + " p.external_id LIMIT 1");
  }

  /** Whether any event is stored. */
  public boolean hasEvents() {
    return first("SELECT client_event_id FROM events LIMIT 1").isPresent();
  }

  private Optional<String> first(String sql) {
    return tx.executeRead(
        status -> {
          try (PreparedStatement ps = status.getConnection().prepareStatement(sql);
              ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read demo data", e);
          }
        });
  }
}
