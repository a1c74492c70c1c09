package io.affinity.service.api.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.affinity.core.error.NotFoundException;
import io.affinity.core.event.EventType;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.recommender.serving.History;
import io.affinity.recommender.serving.HistoryReader;
import io.affinity.recommender.serving.HistoryReader.CustomerHistory;
import io.affinity.recommender.training.Signal;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Histories read several customers to a statement (as concurrent requests share a read) against
 * what each customer's events say, read here with a plain join on the events table: newest first,
 * ties by id, every purchase in the bought set even beyond the recent events read.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryReadTest {
  @Inject SyntheticShopLoader loader;
  @Inject HistoryReader histories;
  @Inject TransactionOperations<Connection> tx;

  private String prefix;
  private List<String> customers;
  private String heavyBuyer;
  private String withoutEvents;

  @BeforeAll
  void load() throws Exception {
    prefix = "hr" + UUID.randomUUID().toString().substring(0, 6) + "-";
    loader.load(
        ShopSpec.of(120, 40, 3_000, 3).withHistory(90, Instant.now()).withIdPrefix(prefix),
        ProgressListener.NONE);
    customers = column("SELECT external_id FROM customers WHERE external_id LIKE ?", prefix + "%");
    heavyBuyer = prefix + "heavy";
    withoutEvents = prefix + "quiet";
    List<String> products =
        column("SELECT external_id FROM products WHERE external_id LIKE ?", prefix + "%");
    sql(
        c -> {
          insertCustomer(c, heavyBuyer);
          insertCustomer(c, withoutEvents);
          // 600 events at 300 moments: more than the 500 recent events read, with ties in time
          // that only the event id orders; some products are bought only in the oldest events.
          for (int i = 0; i < 600; i++) {
            String type = i % 3 == 0 ? "view" : "purchase";
            insertEvent(c, heavyBuyer, products.get(i % products.size()), type, 1_000_000L + i / 2);
          }
          return null;
        });
  }

  /** Work on a connection. */
  private interface SqlWork<T> {
    T on(Connection c) throws SQLException;
  }

  private <T> T sql(SqlWork<T> work) {
    return tx.executeWrite(
        status -> {
          try {
            return work.on(status.getConnection());
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void aSharedReadGivesEachCustomerWhatTheirEventsSay() throws SQLException {
    List<String> asked = new ArrayList<>(customers.subList(0, 30));
    asked.add(heavyBuyer);
    asked.add(withoutEvents);
    asked.add(prefix + "nobody");
    Map<String, CustomerHistory> read = histories.ofAll(asked);
    assertThat(read).doesNotContainKey(prefix + "nobody").hasSize(asked.size() - 1);
    for (String id : asked.subList(0, asked.size() - 1)) {
      assertSameAsEvents(id, read.get(id));
    }
    assertThat(read.get(withoutEvents).recent().isEmpty()).isTrue();
    assertThat(read.get(heavyBuyer).bought())
        .as("bought before the 500 latest events too")
        .hasSize(
            column("SELECT external_id FROM products WHERE external_id LIKE ?", prefix + "%")
                .size());
  }

  @Test
  void concurrentRequestsEachGetTheirOwnCustomer() throws Exception {
    List<String> asked = new ArrayList<>(customers);
    asked.add(heavyBuyer);
    asked.add(withoutEvents);
    Map<String, CustomerHistory> expected = histories.ofAll(asked);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        Random random = new Random(t);
        calls.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    String id = asked.get(random.nextInt(asked.size()));
                    assertSameHistory(histories.of(id), expected.get(id));
                    assertThatThrownBy(() -> histories.of(prefix + "nobody-" + id))
                        .isInstanceOf(NotFoundException.class);
                  }
                  return null;
                }));
      }
      for (Future<?> call : calls) {
        call.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void assertSameAsEvents(String id, CustomerHistory read) throws SQLException {
    History expected = new History(History.ITEMS_PER_SIGNAL);
    Set<String> bought = new HashSet<>();
    sql(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT e.type, p.external_id FROM events e JOIN customers c ON c.id ="
                      + " e.customer_id JOIN products p ON p.id = e.product_id WHERE"
                      + " c.external_id = ? ORDER BY e.occurred_at DESC, e.id DESC")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              int rows = 0;
              while (rs.next()) {
                Signal signal =
                    EventType.fromWireName(rs.getString(1)).flatMap(Signal::of).orElse(null);
                if (signal == Signal.PURCHASE) {
                  bought.add(rs.getString(2));
                }
                if (signal != null && ++rows <= HistoryReader.RECENT_EVENTS) {
                  expected.add(signal, rs.getString(2));
                }
              }
            }
          }
          return null;
        });
    assertThat(read.bought()).as("bought by %s", id).isEqualTo(bought);
    assertSameHistory(read, new CustomerHistory(expected, bought));
  }

  private static void assertSameHistory(CustomerHistory read, CustomerHistory expected) {
    assertThat(read.bought()).isEqualTo(expected.bought());
    for (Signal s : Signal.values()) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      expected.recent().of(s).forEach(i -> counts.put(i, expected.recent().count(s, i)));
      Map<String, Integer> readCounts = new LinkedHashMap<>();
      read.recent().of(s).forEach(i -> readCounts.put(i, read.recent().count(s, i)));
      assertThat(new ArrayList<>(readCounts.entrySet()))
          .as("%s, newest first, with counts", s)
          .isEqualTo(new ArrayList<>(counts.entrySet()));
    }
  }

  private List<String> column(String query, String param) {
    return sql(
        c -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
          }
          return out;
        });
  }

  private static void insertCustomer(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO customers (external_id, created_at, updated_at) VALUES (?, 0, 0)")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
  }

  private static void insertEvent(
      Connection c, String customer, String product, String type, long at) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO events (client_event_id, customer_id, product_id, type, occurred_at,"
                + " received_at) SELECT ?, c.id, p.id, ?, ?, 0 FROM customers c, products p"
                + " WHERE c.external_id = ? AND p.external_id = ?")) {
      ps.setString(1, UUID.randomUUID().toString());
      ps.setString(2, type);
      ps.setLong(3, at);
      ps.setString(4, customer);
      ps.setString(5, product);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }
}
