package io.affinity.core.value;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.event.EventIngestor;
import io.affinity.core.event.EventInput;
import io.affinity.core.testing.TestSql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import it.unimi.dsi.fastutil.longs.Long2DoubleOpenHashMap;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the CLV holdout compares its predictions with: purchase days and net spend. */
@MicronautTest(transactional = false)
class HoldoutActualsTest {
  @Inject EventIngestor ingestor;
  @Inject TransactionOperations<Connection> tx;
  @Inject TestSql sql;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  private EventInput line(String id, String type, int quantity, String price, String at) {
    return new EventInput(
        run + "-" + id,
        type,
        "holdout-" + run,
        "item-" + run,
        "o-" + id + "-" + run,
        quantity,
        new BigDecimal(price),
        Instant.parse(at),
        null,
        "web");
  }

  @Test
  void aDayWithOnlyAReturnIsNoPurchaseDayButTheReturnLowersTheSpend() throws SQLException {
    ingestor.ingest(
        List.of(
            line("1", "purchase", 2, "10.00", "2001-05-01T10:00:00Z"),
            line("2", "purchase", 1, "5.00", "2001-05-01T15:00:00Z"),
            line("3", "return", 1, "10.00", "2001-05-03T10:00:00Z"),
            line("4", "purchase", 1, "7.00", "2001-05-04T10:00:00Z")));
    long customer = sql.count("SELECT id FROM customers WHERE external_id = ?", "holdout-" + run);
    Long2DoubleOpenHashMap days = new Long2DoubleOpenHashMap();
    Long2DoubleOpenHashMap spend = new Long2DoubleOpenHashMap();

    tx.executeRead(
        s -> {
          try {
            HoldoutCheck.readActual(
                s.getConnection(),
                Instant.parse("2001-05-01T00:00:00Z").toEpochMilli(),
                Instant.parse("2001-06-01T00:00:00Z").toEpochMilli(),
                days,
                spend);
            return null;
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });

    // Purchase days: May 1 and May 4; May 3 had only a return.
    assertThat(days.get(customer)).isEqualTo(2.0);
    assertThat(spend.get(customer)).isEqualTo(20.0 + 5.0 - 10.0 + 7.0);
  }
}
