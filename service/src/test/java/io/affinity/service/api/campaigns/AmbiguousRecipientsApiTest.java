package io.affinity.service.api.campaigns;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.Transactions;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator's actions on ambiguous recipients: a resend needs {@code "confirm": true} and keeps
 * each row's Message-ID; a settle records them as sent at their hand-off time; both are recorded on
 * the rows and in the audit log with the key's name; a cancelled campaign resends nothing.
 */
@MicronautTest(transactional = false)
class AmbiguousRecipientsApiTest extends ApiTestBase {
  @Inject Transactions tx;

  @Test
  @SuppressWarnings("unchecked")
  void aResendNeedsAConfirmationAndPutsTheRowsBackWithTheirMessageId() {
    long id = campaignWithAmbiguous("finished", 3);
    String path = "/api/campaigns/" + id + "/ambiguous/resend";
    for (String body : new String[] {"", "{}", "{\"confirm\":false}", "{\"confirm\":null}"}) {
      Reply refused = api.post(path, body, MARKETING);
      assertProblem(refused, 422);
      assertThat(refused.errorFields()).as("body %s", body).containsExactly("confirm");
    }
    assertProblem(api.post(path, "{\"confirm\":\"yes\"}", MARKETING), 422);
    assertProblem(api.post(path, "{\"confirm\":true,\"recipientIds\":[]}", MARKETING), 422);
    assertProblem(api.post(path, "{\"confirm\":true,\"recipientIds\":[0]}", MARKETING), 422);
    assertThat(states(id)).containsEntry("ambiguous", 3L);

    List<Long> rows = new ArrayList<>(rows(id).keySet());
    Reply one =
        api.post(
            path,
            "{\"confirm\":true,\"recipientIds\":[" + rows.get(0) + ", 999999999]}",
            MARKETING);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json())
        .containsEntry("action", "resend")
        .containsEntry("recipients", 1)
        .containsEntry("skipped", 1)
        .containsEntry("status", "running");
    Map<String, Object> row = rows(id).get(rows.get(0));
    assertThat(row)
        .containsEntry("state", "pending")
        .containsEntry("message_id", "<m" + rows.get(0) + "@shop.example>")
        .containsEntry("resolution", "resend")
        .containsEntry("resolved_by", "test-marketing");
    assertThat(row.get("claimed_by")).isNull();
    assertThat(row.get("resolved_at")).isNotNull();

    List<Map<String, Object>> listed =
        (List<Map<String, Object>>)
            api.get("/api/campaigns/" + id + "/recipients?state=pending", MARKETING).body();
    assertThat(listed)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r)
                    .containsEntry("resolution", "resend")
                    .containsEntry("resolvedBy", "test-marketing")
                    .containsEntry("messageId", "<m" + rows.get(0) + "@shop.example>")
                    .containsKeys("resolvedAt", "handedAt"));

    Reply rest = api.post(path, "{\"confirm\":true}", MARKETING);
    assertThat(rest.json()).containsEntry("recipients", 2).containsEntry("skipped", 0);
    assertThat(states(id)).containsEntry("pending", 3L).doesNotContainKey("ambiguous");
    assertThat(audit(id))
        .containsExactly(
            "test-marketing campaign-resend-ambiguous 1 recipient(s), of ids "
                + rows.get(0)
                + ", 999999999",
            "test-marketing campaign-resend-ambiguous 2 recipient(s), all ambiguous");
  }

  @Test
  void aSettleRecordsTheRowsAsSentAtTheirHandOff() {
    long id = campaignWithAmbiguous("paused", 2);
    Reply settled = api.post("/api/campaigns/" + id + "/ambiguous/settle", "", MARKETING);
    assertThat(settled.status()).isEqualTo(200);
    assertThat(settled.json())
        .containsEntry("action", "settled")
        .containsEntry("recipients", 2)
        .containsEntry("status", "paused");
    for (Map<String, Object> row : rows(id).values()) {
      assertThat(row)
          .containsEntry("state", "sent")
          .containsEntry("resolution", "settled")
          .containsEntry("resolved_by", "test-marketing");
      assertThat(((Number) row.get("sent_at")).longValue()).isEqualTo(1_700_000_000_000L);
    }
    assertThat(audit(id))
        .containsExactly("test-marketing campaign-settle-ambiguous 2 recipient(s), all ambiguous");
    Reply again = api.post("/api/campaigns/" + id + "/ambiguous/settle", "{}", MARKETING);
    assertThat(again.json()).containsEntry("recipients", 0);
  }

  @Test
  void aCancelledCampaignResendsNothingButCanSettle() {
    long id = campaignWithAmbiguous("cancelled", 1);
    Reply refused =
        api.post("/api/campaigns/" + id + "/ambiguous/resend", "{\"confirm\":true}", MARKETING);
    assertProblem(refused, 409);
    assertThat(states(id)).containsEntry("ambiguous", 1L);
    assertThat(audit(id)).isEmpty();
    assertThat(
            api.post("/api/campaigns/" + id + "/ambiguous/settle", "", MARKETING)
                .json()
                .get("recipients"))
        .isEqualTo(1);
    assertProblem(
        api.post("/api/campaigns/999999999/ambiguous/resend", "{\"confirm\":true}", MARKETING),
        404);
    assertThat(api.post("/api/campaigns/" + id + "/ambiguous/settle", "", INGEST).status())
        .isEqualTo(403);
  }

  /** A campaign in {@code status} whose {@code n} recipients a dead worker left ambiguous. */
  private long campaignWithAmbiguous(String status, int n) {
    StringBuilder people = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      people
          .append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(run)
          .append("-")
          .append(i)
          .append("\",\"email\":\"p")
          .append(i)
          .append("@test.example\",\"emailConsent\":true}");
    }
    api.post("/api/customers/batch", people.append("]").toString(), INGEST);
    long snapshot = Snapshots.of(tx, run + "-");
    long id =
        ((Number)
                api.post(
                        "/api/campaigns",
                        "{\"name\":\"ambiguous\",\"snapshotId\":"
                            + snapshot
                            + ",\"fromAddress\":\"shop@shop.example\",\"variants\":[{\"name\":"
                            + "\"A\",\"templateId\":1}]}",
                        MARKETING)
                    .json()
                    .get("id"))
            .longValue();
    tx.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO campaign_recipients (campaign_id, customer_id, arm, state,"
                      + " claimed_by, claimed_at, handed_at, attempts, error) SELECT ?, id, 'A',"
                      + " 'ambiguous', 'dead-worker', 1, 1700000000000, 0, 'handed over by a"
                      + " dead worker' FROM customers WHERE external_id LIKE ?")) {
            ps.setLong(1, id);
            ps.setString(2, run + "-%");
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE campaign_recipients SET message_id = CONCAT('<m', id, '@shop.example>')"
                      + " WHERE campaign_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE campaigns SET status = ? WHERE id = ?")) {
            ps.setString(1, status);
            ps.setLong(2, id);
            ps.executeUpdate();
          }
          return null;
        });
    return id;
  }

  private Map<String, Long> states(long id) {
    Map<String, Long> out = new HashMap<>();
    for (Map<String, Object> row : rows(id).values()) {
      out.merge((String) row.get("state"), 1L, Long::sum);
    }
    return out;
  }

  /** The campaign's recipient rows by id, columns by lower-case label. */
  private Map<Long, Map<String, Object>> rows(long id) {
    return tx.read(
        c -> {
          Map<Long, Map<String, Object>> out = new java.util.TreeMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, state, message_id, claimed_by, sent_at, resolution, resolved_by,"
                      + " resolved_at FROM campaign_recipients WHERE campaign_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                  row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), rs.getObject(i));
                }
                out.put(rs.getLong(1), row);
              }
            }
          }
          return out;
        });
  }

  /** The audit lines about campaign {@code id}: actor, action and detail. */
  private List<String> audit(long id) {
    return tx.read(
        c -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT actor, action, detail FROM audit_log WHERE subject_type = 'campaign'"
                      + " AND subject = ? ORDER BY id")) {
            ps.setString(1, String.valueOf(id));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
              }
            }
          }
          return out;
        });
  }
}
