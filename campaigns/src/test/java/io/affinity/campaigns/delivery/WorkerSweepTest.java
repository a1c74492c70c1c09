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
 * The engine's maintenance sweep cleans up after a worker without a heartbeat for the lease: a row
 * it was handing to SMTP (claimed, with {@code handed_at}) becomes {@code ambiguous}, a row it had
 * only claimed goes back to {@code pending} (or {@code cancelled} in a cancelled campaign),
 * whatever the campaign's status. It never touches the engine's own claims, even while its own
 * heartbeat is late (a long GC pause or a busy machine delays it): the engine is alive and records
 * the outcomes of its claims itself.
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
    // with a heartbeat a minute old: to the sweep the engine looks as dead as the other worker
    // until its heartbeat registers it again.
    String parked = run + "-parked";
    audience.update(
        "UPDATE delivery_workers SET id = ?, heartbeat_at = ? WHERE id = ?",
        parked,
        System.currentTimeMillis() - 60_000,
        engine.workerId());
    try {
      // A paused campaign (nothing is claimed or sent) whose recipients are all taken: sweep0
      // and sweep1 by this engine (one claimed, one being handed over), sweep2 and sweep3 by the
      // dead worker (sweep2 being handed over, sweep3 only claimed).
      audience.update(
          "INSERT INTO campaign_recipients (campaign_id, customer_id, arm, state, handed_at,"
              + " claimed_by, claimed_at) SELECT ?, id, 'A', 'claimed', CASE WHEN external_id IN"
              + " (?, ?) THEN 1 END, CASE WHEN external_id IN (?, ?) THEN ? ELSE ? END, ?"
              + " FROM customers WHERE external_id LIKE ?",
          id,
          run + "-sweep1",
          run + "-sweep2",
          run + "-sweep0",
          run + "-sweep1",
          engine.workerId(),
          dead,
          System.currentTimeMillis(),
          run + "-sweep%");
      audience.update(
          "UPDATE campaigns SET status = 'paused', started_at = ? WHERE id = ?",
          System.currentTimeMillis(),
          id);

      // Both of the dead worker's rows change in one transaction with the decision on the
      // engine's own: once they have, the engine's rows have been swept over too.
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
          .containsEntry(run + "-sweep3", "pending");
      assertThat(rows.get(run + "-sweep2").get("error").toString()).contains(dead);
      assertThat(rows.get(run + "-sweep3").get("claimed_by")).isNull();
      CampaignView view = campaigns.find(id);
      assertThat(view.status()).isEqualTo("paused");
      assertThat(view.progress().states())
          .containsEntry("claimed", 2L)
          .containsEntry("ambiguous", 1L)
          .containsEntry("pending", 1L);
    } finally {
      // The heartbeat has registered the engine again; the parked row goes.
      audience.update("DELETE FROM delivery_workers WHERE id = ?", parked);
      workers.unregister(dead);
      // Leaves no live campaign behind in a shared database.
      audience.update("UPDATE campaigns SET status = 'cancelled' WHERE id = ?", id);
    }
  }

  @Test
  void aDeadWorkersRowsInACancelledCampaignAreCleanedUpToo() throws Exception {
    List<Long> ids = audience.customers(people("gone", 2, true), 1, run);
    long id = campaigns.create(input(audience.snapshot(ids), 0, null)).id();
    String dead = run + "-dead";
    // Not yet registered: the per-campaign sweeps of running and paused campaigns do not look at a
    // cancelled one, so only the sweep of dead workers can find these rows.
    audience.update(
        "INSERT INTO campaign_recipients (campaign_id, customer_id, arm, state, handed_at,"
            + " claimed_by, claimed_at) SELECT ?, id, 'A', 'claimed', CASE WHEN external_id = ?"
            + " THEN 1 END, ?, ? FROM customers WHERE external_id LIKE ?",
        id,
        run + "-gone0",
        dead,
        System.currentTimeMillis(),
        run + "-gone%");
    audience.update(
        "UPDATE campaigns SET status = 'cancelled', started_at = ?, finished_at = ? WHERE id = ?",
        System.currentTimeMillis(),
        System.currentTimeMillis(),
        id);
    workers.register(dead, "gone.example", System.currentTimeMillis() - 60_000);

    long until = System.currentTimeMillis() + 10_000;
    Map<String, Map<String, Object>> rows = recipients(id);
    while (!"cancelled".equals(rows.get(run + "-gone1").get("state"))
        && System.currentTimeMillis() < until) {
      Thread.sleep(50);
      rows = recipients(id);
    }
    assertThat(rows.get(run + "-gone0").get("state")).isEqualTo("ambiguous");
    assertThat(rows.get(run + "-gone1").get("state")).isEqualTo("cancelled");
    assertThat(rows("SELECT id FROM delivery_workers WHERE id = ?", dead))
        .as("the dead worker is removed once its rows are cleaned up")
        .isEmpty();
  }
}
