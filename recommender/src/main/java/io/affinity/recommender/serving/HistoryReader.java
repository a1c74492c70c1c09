package io.affinity.recommender.serving;

import io.affinity.core.error.NotFoundException;
import io.affinity.core.event.EventType;
import io.affinity.recommender.training.Signal;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a customer's history from the events table at query time, so that a purchase made a second
 * ago changes the next recommendation without retraining.
 */
@Singleton
public class HistoryReader {
  /** The latest events read per query. */
  public static final int RECENT_EVENTS = 500;

  /** The most items per signal that a query uses. */
  public static final int ITEMS_PER_SIGNAL = 50;

  // One query in the common case: the customer's latest product events, newest first. Only a
  // customer with more than RECENT_EVENTS of them needs a second query for everything bought.
  private static final String RECENT_SQL =
      "SELECT e.type, p.external_id FROM events e JOIN products p ON p.id = e.product_id"
          + " WHERE e.customer_id = (SELECT id FROM customers WHERE external_id = ?)"
          + " ORDER BY e.occurred_at DESC, e.id DESC LIMIT "
          + (RECENT_EVENTS + 1);
  private static final String BOUGHT_SQL =
      "SELECT DISTINCT p.external_id FROM events e JOIN products p ON p.id = e.product_id"
          + " WHERE e.customer_id = (SELECT id FROM customers WHERE external_id = ?)"
          + " AND e.type IN ('purchase', 'conversion')";
  private static final String TIMES_SQL =
      "SELECT p.external_id, e.occurred_at FROM events e JOIN products p ON p.id = e.product_id"
          + " WHERE e.customer_id = ? AND e.type IN ('purchase', 'conversion')"
          + " ORDER BY e.occurred_at";

  private final TransactionOperations<Connection> tx;

  public HistoryReader(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /** A customer's recent history and everything they ever bought. */
  public record CustomerHistory(History recent, Set<String> bought) {}

  /** The history of customer {@code externalId}; {@link NotFoundException} if unknown. */
  public CustomerHistory of(String externalId) {
    return tx.executeRead(
        status -> {
          try {
            Connection c = status.getConnection();
            History recent = new History();
            Set<String> bought = new HashSet<>();
            int rows = 0;
            try (PreparedStatement ps = c.prepareStatement(RECENT_SQL)) {
              ps.setString(1, externalId);
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && ++rows <= RECENT_EVENTS) {
                  Signal signal =
                      EventType.fromWireName(rs.getString(1)).flatMap(Signal::of).orElse(null);
                  if (signal == Signal.PURCHASE) {
                    bought.add(rs.getString(2));
                  }
                  if (signal != null && recent.of(signal).size() < ITEMS_PER_SIGNAL) {
                    recent.add(signal, rs.getString(2));
                  }
                }
              }
            }
            if (rows == 0) {
              customerId(c, externalId); // no history: known customer, or 404
            } else if (rows > RECENT_EVENTS) {
              bought = allBought(c, externalId);
            }
            return new CustomerHistory(recent, bought);
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read the history", e);
          }
        });
  }

  private static Set<String> allBought(Connection c, String externalId) throws SQLException {
    Set<String> bought = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(BOUGHT_SQL)) {
      ps.setString(1, externalId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          bought.add(rs.getString(1));
        }
      }
    }
    return bought;
  }

  /**
   * When customer {@code externalId} bought each item: epoch millis, oldest first; {@link
   * NotFoundException} if the customer is unknown.
   */
  public Map<String, List<Long>> purchaseTimes(String externalId) {
    return tx.executeRead(
        status -> {
          try {
            Connection c = status.getConnection();
            long id = customerId(c, externalId);
            Map<String, List<Long>> times = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(TIMES_SQL)) {
              ps.setLong(1, id);
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  times.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
              }
            }
            return times;
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read the purchases", e);
          }
        });
  }

  private static long customerId(Connection c, String externalId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM customers WHERE external_id = ?")) {
      ps.setString(1, externalId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("customer", externalId);
        }
        return rs.getLong(1);
      }
    }
  }
}
