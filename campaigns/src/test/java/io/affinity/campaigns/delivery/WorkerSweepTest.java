package io.affinity.campaigns.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.CampaignView;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The engine's maintenance sweep turns the claims of a worker without a heartbeat for the lease
 * into {@code ambiguous}, but never the engine's own claims, even while its own heartbeat is late
 * (a long GC pause or a busy machine delays it): the engine is alive and records the outcomes of
 * its claims itself.
 */
@MicronautTest(transactional = false)
class WorkerSweepTest extends GreenMailTestBase {
  @Inject WorkerRegistry workers;

  @Test
  void anEngineWhoseHeartbeatIsLateKeepsItsOwnClaimsAndSweepsADeadWorkers() throws Exception {
    List<Long> ids = audience.customers(people("sweep", 4, true), 1, run);
    long id = campaigns.create(input(audience.snapshot(ids), 0, null)).id();
    String dead = run + "-dead";
    workers.register(dead, "gone.example", System.currentTimeMillis() - 60_000);
    // The engine's worker row moved out of its heartbeat's reach (the heartbeat updates it by id)
    // with a heartbeat a minute old: to the sweep the engine looks as dead as the other worker,
    // and stays so until the row is put back, however the heartbeat and the sweep interleave.
    String parked = run + "-parked";
    audience.update(
        "UPDATE delivery_workers SET id = ?, heartbeat_at = ? WHERE id = ?",
        parked,
        System.currentTimeMillis() - 60_000,
        engine.workerId());
    try {
      // Only now a running campaign whose recipients are all claimed: sweep0 and sweep1 by this
      // engine (in flight), sweep2 and sweep3 by the dead worker. Nothing is pending: the engine
      // has nothing to claim or send, and the campaign cannot finish while rows are claimed.
      audience.update(
          "INSERT INTO campaign_recipients (campaign_id, customer_id, arm, state, claimed_by,"
              + " claimed_at) SELECT ?, id, 'A', 'claimed', CASE WHEN external_id IN (?, ?) THEN ?"
              + " ELSE ? END, ? FROM customers WHERE external_id LIKE ?",
          id,
          run + "-sweep0",
          run + "-sweep1",
          engine.workerId(),
          dead,
          System.currentTimeMillis(),
          run + "-sweep%");
      audience.update(
          "UPDATE campaigns SET status = 'running', started_at = ? WHERE id = ?",
          System.currentTimeMillis(),
          id);

      // The dead worker's claims become ambiguous in one statement with the decision on the
      // engine's own: once they have, the engine's claims have been swept over too.
      long until = System.currentTimeMillis() + 10_000;
      Map<String, Map<String, Object>> rows = recipients(id);
      while (!"ambiguous".equals(rows.get(run + "-sweep2").get("state"))
          && System.currentTimeMillis() < until) {
        Thread.sleep(50);
        rows = recipients(id);
      }
      Map<String, String> states =
          rows.values().stream()
              .collect(
                  Collectors.toMap(
                      r -> (String) r.get("external_id"), r -> (String) r.get("state")));
      assertThat(states)
          .containsEntry(run + "-sweep0", "claimed")
          .containsEntry(run + "-sweep1", "claimed")
          .containsEntry(run + "-sweep2", "ambiguous")
          .containsEntry(run + "-sweep3", "ambiguous");
      assertThat(rows.get(run + "-sweep2").get("error").toString()).contains(dead);
      CampaignView view = campaigns.find(id);
      assertThat(view.status()).isEqualTo("running");
      assertThat(view.progress().states())
          .containsEntry("claimed", 2L)
          .containsEntry("ambiguous", 2L);
    } finally {
      audience.update(
          "UPDATE delivery_workers SET id = ?, heartbeat_at = ? WHERE id = ?",
          engine.workerId(),
          System.currentTimeMillis(),
          parked);
      workers.unregister(dead);
      // Leaves no running campaign behind in a shared database (where it may have finished).
      audience.update("UPDATE campaigns SET status = 'cancelled' WHERE id = ?", id);
    }
  }
}
