package io.affinity.recommender.offers;

import io.affinity.core.error.NotFoundException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What a customer bought and returned, for offer eligibility. */
@Singleton
public class PurchaseRecord {
  private static final String SQL =
      "SELECT p.external_id, p.category_path, e.type, MAX(e.occurred_at)"
          + " FROM events e JOIN products p ON p.id = e.product_id"
          + " WHERE e.customer_id = (SELECT id FROM customers WHERE external_id = ?)"
          + " AND e.type IN ('purchase', 'conversion', 'return')"
          + " GROUP BY p.external_id, p.category_path, e.type";

  private final TransactionOperations<Connection> tx;

  public PurchaseRecord(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /**
   * A customer's purchases.
   *
   * @param bought every item bought
   * @param returned every item returned
   * @param lastBoughtInCategory per category path, when the customer last bought in it
   */
  public record Purchases(
      Set<String> bought, Set<String> returned, Map<String, Long> lastBoughtInCategory) {}

  /** The purchases of customer {@code externalId}; {@link NotFoundException} if unknown. */
  public Purchases of(String externalId) {
    return tx.executeRead(
        status -> {
          Set<String> bought = new HashSet<>();
          Set<String> returned = new HashSet<>();
          Map<String, Long> lastInCategory = new HashMap<>();
          try {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
              ps.setString(1, externalId);
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  if (rs.getString(3).equals("return")) {
                    returned.add(rs.getString(1));
                  } else {
                    bought.add(rs.getString(1));
                    if (rs.getString(2) != null) {
                      lastInCategory.merge(rs.getString(2), rs.getLong(4), Math::max);
                    }
                  }
                }
              }
            }
            if (bought.isEmpty() && returned.isEmpty()) {
              try (PreparedStatement ps =
                  c.prepareStatement("SELECT 1 FROM customers WHERE external_id = ?")) {
                ps.setString(1, externalId);
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    throw new NotFoundException("customer", externalId);
                  }
                }
              }
            }
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read purchases", e);
          }
          return new Purchases(bought, returned, lastInCategory);
        });
  }
}
