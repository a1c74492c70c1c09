package io.affinity.service.api.campaigns;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.delivery.WorkerRegistry;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded default has no SMTP server: campaigns can be drafted but not launched. */
@MicronautTest(transactional = false)
class SendingDisabledApiTest extends ApiTestBase {
  @Inject Transactions tx;
  @Inject WorkerRegistry workers;

  @Test
  void launchIsRefusedWithWhatToConfigure() {
    api.post(
        "/api/customers/batch",
        "[{\"id\":\"" + run + "-1\",\"email\":\"a@test.example\",\"emailConsent\":true}]",
        INGEST);
    long snapshot = Snapshots.of(tx, run + "-");
    Reply created =
        api.post(
            "/api/campaigns",
            "{\"name\":\"off\",\"snapshotId\":"
                + snapshot
                + ",\"fromAddress\":\"shop@shop.example\",\"variants\":[{\"name\":\"A\","
                + "\"templateId\":1}]}",
            MARKETING);
    assertThat(created.status()).isEqualTo(201);
    Reply launch =
        api.post("/api/campaigns/" + created.json().get("id") + "/launch", "", MARKETING);
    assertProblem(launch, 409);
    assertThat((String) launch.json().get("detail")).contains("affinity.mail.host");
    assertThat(api.get("/api/campaigns/" + created.json().get("id"), MARKETING).json())
        .containsEntry("status", "draft");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDeadWorkersRowInFlightIsListedAsAmbiguousAndItsMereClaimIsPendingAgain() {
    api.post(
        "/api/customers/batch",
        "[{\"id\":\""
            + run
            + "-1\",\"email\":\"b@test.example\",\"emailConsent\":true},"
            + "{\"id\":\""
            + run
            + "-2\",\"email\":\"c@test.example\",\"emailConsent\":true}]",
        INGEST);
    long snapshot = Snapshots.of(tx, run + "-");
    Number id =
        (Number)
            api.post(
                    "/api/campaigns",
                    "{\"name\":\"crashed\",\"snapshotId\":"
                        + snapshot
                        + ",\"fromAddress\":\"shop@shop.example\",\"variants\":[{\"name\":\"A\","
                        + "\"templateId\":1}]}",
                    MARKETING)
                .json()
                .get("id");
    // What a worker killed mid-send leaves behind: a paused campaign, one row it was handing to
    // the SMTP server, one it had only claimed.
    tx.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO campaign_recipients (campaign_id, customer_id, arm, state,"
                      + " handed_at, claimed_by, claimed_at) SELECT ?, id, 'A', 'claimed', CASE"
                      + " WHEN external_id = ? THEN 1 END, 'dead-worker', 1 FROM customers"
                      + " WHERE external_id LIKE ?")) {
            ps.setLong(1, id.longValue());
            ps.setString(2, run + "-1");
            ps.setString(3, run + "-%");
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE campaigns SET status = 'paused' WHERE id = ?")) {
            ps.setLong(1, id.longValue());
            ps.executeUpdate();
          }
          return null;
        });
    assertThat(workers.sweep(id.longValue(), System.currentTimeMillis() - 30_000, "sweeper"))
        .isEqualTo(new WorkerRegistry.Swept(1, 1));

    Reply ambiguous = api.get("/api/campaigns/" + id + "/recipients?state=ambiguous", MARKETING);
    List<Map<String, Object>> rows = (List<Map<String, Object>>) ambiguous.body();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0))
        .containsEntry("customerId", run + "-1")
        .containsEntry("claimedBy", "dead-worker");
    assertThat((String) rows.get(0).get("error")).contains("may or may not have been accepted");
    Map<String, Object> states =
        (Map<String, Object>)
            ((Map<String, Object>)
                    api.get("/api/campaigns/" + id, MARKETING).json().get("progress"))
                .get("states");
    assertThat(states).containsEntry("ambiguous", 1).containsEntry("pending", 1);
  }
}
