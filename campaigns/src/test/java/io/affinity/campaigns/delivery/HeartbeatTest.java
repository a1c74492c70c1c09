package io.affinity.campaigns.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine's heartbeat goes on while its maintenance pass waits for a lock: other engines must
 * not take a busy engine for a dead one and report its claims in flight as ambiguous.
 */
@MicronautTest(transactional = false)
class HeartbeatTest extends GreenMailTestBase {

  @Test
  void theHeartbeatGoesOnWhileMaintenanceWaitsForALock() throws Exception {
    List<Long> ids = audience.customers(people("beat", 1, true), 1, run);
    long id = campaigns.create(input(audience.snapshot(ids), 0, null)).id();
    // Scheduled for next year: each maintenance pass locks the row to look at it (startDue).
    audience.update(
        "UPDATE campaigns SET status = 'scheduled', scheduled_at = ? WHERE id = ?",
        System.currentTimeMillis() + 365L * 86_400_000L,
        id);
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> holder =
        CompletableFuture.runAsync(
            () ->
                tx.write(
                    c -> {
                      try (PreparedStatement ps =
                          c.prepareStatement(
                              "UPDATE campaigns SET updated_at = updated_at + 1 WHERE id = ?")) {
                        ps.setLong(1, id);
                        ps.executeUpdate();
                      }
                      locked.countDown();
                      awaitQuietly(release);
                      return null;
                    }));
    try {
      assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(500); // the next pass (every 100 ms) now waits for that transaction
      long before = heartbeatAt();
      // The heartbeat beats every lease / 3 = 1 s; the lock wait lasts 10 s or more.
      Thread.sleep(2_500);
      assertThat(heartbeatAt()).isGreaterThan(before);
    } finally {
      release.countDown();
      holder.get(30, TimeUnit.SECONDS);
      audience.update("UPDATE campaigns SET status = 'cancelled' WHERE id = ?", id);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long heartbeatAt() {
    return ((Number)
            rows("SELECT heartbeat_at FROM delivery_workers WHERE id = ?", engine.workerId())
                .get(0)
                .get("heartbeat_at"))
        .longValue();
  }
}
