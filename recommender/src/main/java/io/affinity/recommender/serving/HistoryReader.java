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
import java.util.Comparator;
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

  // The latest product events of one customer, as one part of a UNION ALL over the customers read
  // together (see Coalescer). Each part stops at its LIMIT in ix_events_customer_history, which
  // holds every column read, so the database neither looks into the table nor joins products (the
  // row ids become the shop's through ProductKeys); a window function over all the customers would
  // read every event of a customer with thousands. The time and id come along because the order of
  // a union's rows is not defined: they are put in order here, which cost the database more.
  private static final String RECENT_PART =
      "SELECT %d AS k, e.type, e.product_id, e.occurred_at, e.id FROM events e"
          + " WHERE e.customer_id = ("
          + Whose.CUSTOMER.customerIds
          + ") AND e.product_id IS NOT NULL ORDER BY e.occurred_at DESC, e.id DESC LIMIT "
          + (RECENT_EVENTS + 1);

  /** The most customers read in one statement. */
  static final int MAX_BATCH = 16;

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
  private final ProductKeys productKeys;
  private final Coalescer<String, CustomerHistory> customers;

  public HistoryReader(ConnectionOperations<Connection> connections, ProductKeys productKeys) {
    this.connections = connections;
    this.productKeys = productKeys;
    // One read in flight: requests arriving meanwhile share the next one, so under load the
    // database's cost per statement is shared by several customers (docs/benchmarks.md).
    this.customers = new Coalescer<>(this::readCustomers, MAX_BATCH, 1);
  }

  private <R> R withConnection(Function<Connection, R> work) {
    return connections.execute(
        ConnectionDefinition.DEFAULT, status -> work.apply(status.getConnection()));
  }

  /** A recent history and everything bought. */
  public record CustomerHistory(History recent, Set<String> bought) {}

  /** The history of customer {@code externalId}; {@link NotFoundException} if unknown. */
  public CustomerHistory of(String externalId) {
    CustomerHistory history = customers.get(externalId);
    if (history == null) {
      throw new NotFoundException(Whose.CUSTOMER.kind, externalId);
    }
    return history;
  }

  /**
   * The histories of the known customers among {@code externalIds}, read together as concurrent
   * calls of {@link #of} are: each as {@link #of} gives it, unknown ones left out.
   */
  public Map<String, CustomerHistory> ofAll(Collection<String> externalIds) {
    List<String> ids = List.copyOf(new LinkedHashSet<>(externalIds));
    Map<String, CustomerHistory> out = new HashMap<>();
    for (int from = 0; from < ids.size(); from += MAX_BATCH) {
      out.putAll(readCustomers(ids.subList(from, Math.min(ids.size(), from + MAX_BATCH))));
    }
    return out;
  }

  /** The histories of the known customers among distinct {@code externalIds}, in one statement. */
  private Map<String, CustomerHistory> readCustomers(List<String> externalIds) {
    return withConnection(
        c -> {
          try {
            List<List<EventRow>> rows = recentRows(c, externalIds);
            Set<Long> products = new HashSet<>();
            rows.forEach(list -> list.forEach(r -> products.add(r.product())));
            Map<Long, String> keys = productKeys.of(c, products);
            Map<String, CustomerHistory> out = new HashMap<>();
            List<String> withoutEvents = new ArrayList<>();
            for (int k = 0; k < externalIds.size(); k++) {
              String id = externalIds.get(k);
              List<EventRow> events = rows.get(k);
              if (events.isEmpty()) {
                withoutEvents.add(id);
                continue;
              }
              events.sort(EventRow.NEWEST_FIRST);
              Builder b = new Builder();
              for (EventRow r : events) {
                String item = keys.get(r.product());
                if (item != null) { // as the join with products did: an event of a known product
                  b.add(r.type(), item);
                }
              }
              Set<String> bought =
                  b.rows > RECENT_EVENTS ? allBought(c, Whose.CUSTOMER.boughtSql(), id) : b.bought;
              out.put(id, new CustomerHistory(b.recent, bought));
            }
            for (String known : known(c, withoutEvents)) {
              out.put(known, new CustomerHistory(new History(History.ITEMS_PER_SIGNAL), Set.of()));
            }
            return out;
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read the histories", e);
          }
        });
  }

  /** One product event as read: its type, product row, time and id. */
  private record EventRow(String type, long product, long at, long id) {
    static final Comparator<EventRow> NEWEST_FIRST =
        Comparator.comparingLong(EventRow::at).thenComparingLong(EventRow::id).reversed();
  }

  /** The latest events of each customer in {@code externalIds}, by position. */
  private static List<List<EventRow>> recentRows(Connection c, List<String> externalIds)
      throws SQLException {
    StringJoiner sql = new StringJoiner(") UNION ALL (", "(", ")");
    for (int k = 0; k < externalIds.size(); k++) {
      sql.add(String.format(RECENT_PART, k));
    }
    List<List<EventRow>> rows = new ArrayList<>();
    externalIds.forEach(id -> rows.add(new ArrayList<>()));
    String text = externalIds.size() == 1 ? String.format(RECENT_PART, 0) : sql.toString();
    try (PreparedStatement ps = c.prepareStatement(text)) {
      for (int k = 0; k < externalIds.size(); k++) {
        ps.setString(k + 1, externalIds.get(k));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.get(rs.getInt(1))
              .add(new EventRow(rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
        }
      }
    }
    return rows;
  }

  /**
   * Those of {@code externalIds} that are customers, asked one by one: the database's collation
   * decides what matches (MariaDB's ignores case), so an id is known if asking for it finds a row.
   */
  private static List<String> known(Connection c, List<String> externalIds) throws SQLException {
    List<String> known = new ArrayList<>();
    for (String id : externalIds) {
      if (exists(c, Whose.CUSTOMER, id)) {
        known.add(id);
      }
    }
    return known;
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
    if (!exists(c, whose, externalId)) {
      throw new NotFoundException(whose.kind, externalId);
    }
  }

  private static boolean exists(Connection c, Whose whose, String externalId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(whose.exists)) {
      ps.setString(1, externalId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
