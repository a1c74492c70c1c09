package io.affinity.recommender.serving;

import io.affinity.core.error.NotFoundException;
import io.affinity.core.event.EventType;
import io.affinity.recommender.training.Signal;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Reads a customer's (or a whole household's) history from the events table at query time, so that
 * a purchase made a second ago changes the next recommendation without retraining.
 */
@Singleton
public class HistoryReader {
  /** The latest events read per query. */
  public static final int RECENT_EVENTS = 500;

  /** Whose events to read: the SQL that selects their customer ids, and how to name them. */
  private enum Whose {
    CUSTOMER(
        "customer",
        "SELECT id FROM customers WHERE external_id = ?",
        "SELECT id FROM customers WHERE external_id = ?"),
    // A household's history is its members' history.
    HOUSEHOLD(
        "household",
        "SELECT c.id FROM customers c JOIN households h ON h.id = c.household_id"
            + " WHERE h.external_id = ?",
        "SELECT id FROM households WHERE external_id = ?");

    final String kind;
    final String customerIds;
    final String exists;

    Whose(String kind, String customerIds, String exists) {
      this.kind = kind;
      this.customerIds = customerIds;
      this.exists = exists;
    }

    // One query in the common case: the latest product events, newest first. Only more than
    // RECENT_EVENTS of them need a second query for everything bought.
    String recentSql() {
      return "SELECT e.type, p.external_id FROM events e JOIN products p ON p.id = e.product_id"
          + " WHERE e.customer_id IN ("
          + customerIds
          + ") ORDER BY e.occurred_at DESC, e.id DESC LIMIT "
          + (RECENT_EVENTS + 1);
    }

    String boughtSql() {
      return "SELECT DISTINCT p.external_id FROM events e JOIN products p ON p.id = e.product_id"
          + " WHERE e.customer_id IN ("
          + customerIds
          + ") AND e.type IN ('purchase', 'conversion')";
    }
  }

  private static final String TIMES_SQL =
      "SELECT p.external_id, e.occurred_at FROM events e JOIN products p ON p.id = e.product_id"
          + " WHERE e.customer_id = (SELECT id FROM customers WHERE external_id = ?)"
          + " AND e.type IN ('purchase', 'conversion') ORDER BY e.occurred_at";
  // The latest events of many customers at once (a campaign's claimed batch): numbered per
  // customer on the server so that a customer with thousands of events sends only what is used.
  // The ids are written into the statement as literals, not bound as parameters: H2 tests
  // `IN (?, ?, ...)` against each row by comparing it with every parameter in turn (a third of the
  // batch read's time in profiles of a campaign send), while a list of constants becomes a set.
  // They are longs of our own rows, so nothing can be injected.
  private static final String RECENT_OF_MANY_SQL =
      "SELECT customer_id, type, external_id FROM (SELECT e.customer_id, e.type, p.external_id,"
          + " ROW_NUMBER() OVER (PARTITION BY e.customer_id ORDER BY e.occurred_at DESC, e.id DESC)"
          + " AS rn FROM events e JOIN products p ON p.id = e.product_id"
          + " WHERE e.customer_id IN (%s)) t WHERE rn <= "
          + (RECENT_EVENTS + 1)
          + " ORDER BY customer_id, rn";
  private static final String BOUGHT_BY_ID_SQL =
      "SELECT DISTINCT p.external_id FROM events e JOIN products p ON p.id = e.product_id"
          + " WHERE e.customer_id = ? AND e.type IN ('purchase', 'conversion')";
  private static final String HOUSEHOLD_OF_SQL =
      "SELECT h.external_id FROM customers c JOIN households h ON h.id = c.household_id"
          + " WHERE c.external_id = ?";

  // Reads run on a connection in auto-commit mode, not in a transaction: a transaction costs
  // MySQL three more round trips per request (SET autocommit=0, COMMIT, SET autocommit=1), and
  // under READ COMMITTED each statement sees its own snapshot either way.
  private final ConnectionOperations<Connection> connections;

  public HistoryReader(ConnectionOperations<Connection> connections) {
    this.connections = connections;
  }

  private <R> R withConnection(Function<Connection, R> work) {
    return connections.execute(
        ConnectionDefinition.DEFAULT, status -> work.apply(status.getConnection()));
  }

  /** A recent history and everything bought. */
  public record CustomerHistory(History recent, Set<String> bought) {}

  /** The history of customer {@code externalId}; {@link NotFoundException} if unknown. */
  public CustomerHistory of(String externalId) {
    return read(Whose.CUSTOMER, externalId);
  }

  /**
   * The history of household {@code externalId}: all its members' events together; {@link
   * NotFoundException} if unknown.
   */
  public CustomerHistory ofHousehold(String externalId) {
    return read(Whose.HOUSEHOLD, externalId);
  }

  /**
   * The histories of the customers with our ids {@code customerIds}, read in one query (plus one
   * per customer with more than {@link #RECENT_EVENTS} events): the same as {@link #of} for each. A
   * customer without events, or unknown, gets an empty history.
   */
  public Map<Long, CustomerHistory> ofCustomerIds(Collection<Long> customerIds) {
    Set<Long> ids = new LinkedHashSet<>(customerIds);
    if (ids.isEmpty()) {
      return Map.of();
    }
    return withConnection(
        c -> {
          try {
            Map<Long, Builder> read = new HashMap<>();
            StringJoiner literals = new StringJoiner(", ");
            for (long id : ids) {
              literals.add(Long.toString(id));
            }
            try (Statement st = c.createStatement()) {
              try (ResultSet rs =
                  st.executeQuery(String.format(RECENT_OF_MANY_SQL, literals.toString()))) {
                while (rs.next()) {
                  read.computeIfAbsent(rs.getLong(1), k -> new Builder())
                      .add(rs.getString(2), rs.getString(3));
                }
              }
            }
            Map<Long, CustomerHistory> out = new HashMap<>();
            for (long id : ids) {
              Builder b = read.get(id);
              if (b == null) {
                out.put(id, new CustomerHistory(new History(History.ITEMS_PER_SIGNAL), Set.of()));
                continue;
              }
              Set<String> bought =
                  b.rows > RECENT_EVENTS ? allBought(c, BOUGHT_BY_ID_SQL, id) : b.bought;
              out.put(id, new CustomerHistory(b.recent, bought));
            }
            return out;
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read the histories", e);
          }
        });
  }

  /**
   * A history as its latest events arrive, newest first. It keeps the first ITEMS_PER_SIGNAL
   * distinct items per signal and counts repeats of them, so every event up to RECENT_EVENTS goes
   * in; more rows than that only tell that everything bought must be read separately.
   */
  private static final class Builder {
    final History recent = new History(History.ITEMS_PER_SIGNAL);
    final Set<String> bought = new HashSet<>();
    int rows;

    void add(String type, String item) {
      if (++rows > RECENT_EVENTS) {
        return;
      }
      Signal signal = EventType.fromWireName(type).flatMap(Signal::of).orElse(null);
      if (signal == Signal.PURCHASE) {
        bought.add(item);
      }
      if (signal != null) {
        recent.add(signal, item);
      }
    }
  }

  /** The household of customer {@code externalId}, if they have one. */
  public Optional<String> householdOf(String externalId) {
    return withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(HOUSEHOLD_OF_SQL)) {
            ps.setString(1, externalId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read the household", e);
          }
        });
  }

  /**
   * When customer {@code externalId} bought each item: epoch millis, oldest first; {@link
   * NotFoundException} if the customer is unknown.
   */
  public Map<String, List<Long>> purchaseTimes(String externalId) {
    return withConnection(
        c -> {
          try {
            Map<String, List<Long>> times = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(TIMES_SQL)) {
              ps.setString(1, externalId);
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  times.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
              }
            }
            if (times.isEmpty()) {
              requireExists(c, Whose.CUSTOMER, externalId);
            }
            return times;
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read the purchases", e);
          }
        });
  }

  private CustomerHistory read(Whose whose, String externalId) {
    return withConnection(
        c -> {
          try {
            Builder b = new Builder();
            try (PreparedStatement ps = c.prepareStatement(whose.recentSql())) {
              ps.setString(1, externalId);
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  b.add(rs.getString(1), rs.getString(2));
                }
              }
            }
            if (b.rows == 0) {
              requireExists(c, whose, externalId); // no history: known, or 404
            }
            Set<String> bought =
                b.rows > RECENT_EVENTS ? allBought(c, whose.boughtSql(), externalId) : b.bought;
            return new CustomerHistory(b.recent, bought);
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read the history", e);
          }
        });
  }

  /** Everything bought, by the one customer or household {@code key} that {@code sql} takes. */
  private static Set<String> allBought(Connection c, String sql, Object key) throws SQLException {
    Set<String> bought = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          bought.add(rs.getString(1));
        }
      }
    }
    return bought;
  }

  private static void requireExists(Connection c, Whose whose, String externalId)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(whose.exists)) {
      ps.setString(1, externalId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException(whose.kind, externalId);
        }
      }
    }
  }
}
