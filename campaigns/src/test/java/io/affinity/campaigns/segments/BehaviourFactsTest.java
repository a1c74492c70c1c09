package io.affinity.campaigns.segments;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.testing.TestSql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The behaviour facts follow the events table, including a batch that commits late. */
@MicronautTest(transactional = false)
class BehaviourFactsTest {
  @Inject BehaviourFacts facts;
  @Inject TestSql sql;
  @Inject TransactionOperations<Connection> tx;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  private void update(String statement, Object... params) {
    tx.executeWrite(
        status -> {
          try (PreparedStatement ps = status.getConnection().prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
              ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
          }
        });
  }

  private long purchase(String eventId, long customer, long product, long at) {
    update(
        "INSERT INTO events (client_event_id, customer_id, product_id, type, occurred_at,"
            + " received_at) VALUES (?, ?, ?, 'purchase', ?, 0)",
        eventId,
        customer,
        product,
        at);
    return sql.count("SELECT id FROM events WHERE client_event_id = ?", eventId);
  }

  private long lastAt(String category, long customer) {
    return sql
        .rows(
            "SELECT last_at FROM segment_facts WHERE kind = 'category' AND fact_key = ?"
                + " AND customer_id = ?",
            category,
            customer)
        .stream()
        .mapToLong(r -> ((Number) r.get("last_at")).longValue())
        .max()
        .orElse(-1);
  }

  @Test
  void prefixesKeepTheLatestPurchaseAndALateCommitIsCaughtUp() {
    update(
        "INSERT INTO products (external_id, category_path, created_at, updated_at)"
            + " VALUES (?, ?, 0, 0)",
        "p" + run,
        run + "/Kitchen/Mugs");
    long product = sql.count("SELECT id FROM products WHERE external_id = ?", "p" + run);
    long customer = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);

    purchase(run + "-1", customer, product, 1_000);
    long late = purchase(run + "-late", customer, product, 5_000);
    purchase(run + "-2", customer, product, 2_000);
    // The "late" event's transaction has not committed yet when the facts are read:
    update("DELETE FROM events WHERE id = ?", late);
    facts.catchUp();
    assertThat(lastAt(run, customer)).isEqualTo(2_000);
    assertThat(lastAt(run + "/Kitchen", customer)).isEqualTo(2_000);
    assertThat(lastAt(run + "/Kitchen/Mugs", customer)).isEqualTo(2_000);

    // ...now it commits, below the high-water mark; the next catch-up that finds new events
    // re-reads the ids below the mark and sees it.
    update(
        "INSERT INTO events (id, client_event_id, customer_id, product_id, type, occurred_at,"
            + " received_at) VALUES (?, ?, ?, ?, 'purchase', 5000, 0)",
        late,
        run + "-late",
        customer,
        product);
    purchase(run + "-3", customer, product, 1_500);
    facts.catchUp();
    assertThat(lastAt(run + "/Kitchen", customer)).isEqualTo(5_000);
  }

  @Test
  void aLateCommitIsCaughtUpWithoutNewEventsUntilTheMarkHasBeenQuietForAMinute() {
    update(
        "INSERT INTO products (external_id, category_path, created_at, updated_at)"
            + " VALUES (?, ?, 0, 0)",
        "q" + run,
        run + "/Garden");
    long product = sql.count("SELECT id FROM products WHERE external_id = ?", "q" + run);
    long customer = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
    long late = purchase(run + "-late", customer, product, 7_000);
    purchase(run + "-1", customer, product, 1_000);
    update("DELETE FROM events WHERE id = ?", late);
    facts.catchUp();
    assertThat(lastAt(run + "/Garden", customer)).isEqualTo(1_000);

    // The straggler commits below the mark and nothing new arrives: the mark moved moments ago,
    // so the next catch-up still re-reads below it.
    reinsert(late, run + "-late", customer, product, 7_000);
    assertThat(facts.catchUp()).isPositive();
    assertThat(lastAt(run + "/Garden", customer)).isEqualTo(7_000);
    // Nothing has committed below the mark since: the next catch-up re-reads nothing.
    assertThat(facts.catchUp()).isZero();

    // Once the mark has been still for longer than a transaction can last, a catch-up with no
    // new events reads nothing at all (and writes nothing).
    update(
        "UPDATE segment_facts_progress SET updated_at = ? WHERE id = 1",
        System.currentTimeMillis() - BehaviourFacts.STRAGGLER_MS - 1_000);
    assertThat(facts.catchUp()).isZero();
  }

  private void reinsert(long id, String eventId, long customer, long product, long at) {
    update(
        "INSERT INTO events (id, client_event_id, customer_id, product_id, type, occurred_at,"
            + " received_at) VALUES (?, ?, ?, ?, 'purchase', ?, 0)",
        id,
        eventId,
        customer,
        product,
        at);
  }
}
