package io.affinity.service.api.campaigns;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.Transactions;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The embedded default has no SMTP server: confirmations and test sends are refused with 409 saying
 * what to configure, and nothing is recorded.
 */
@MicronautTest(transactional = false)
class MailNotConfiguredTest extends ApiTestBase {
  @Inject Transactions tx;

  @Test
  void confirmationsAndTestSendsAreRefusedWithWhatToConfigure() {
    String id = run + "-1";
    api.post(
        "/api/customers/batch",
        "[{\"id\":\"" + id + "\",\"email\":\"" + run + "@test.example\"}]",
        INGEST);
    Reply confirmation = api.post("/api/customers/" + id + "/consent/confirmations", "", MARKETING);
    assertProblem(confirmation, 409);
    assertThat((String) confirmation.json().get("detail")).contains("affinity.mail.host");
    long requests =
        tx.read(
            c -> {
              try (var ps =
                  c.prepareStatement(
                      "SELECT COUNT(*) FROM consent_confirmations k JOIN customers c ON c.id ="
                          + " k.customer_id WHERE c.external_id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                  rs.next();
                  return rs.getLong(1);
                }
              }
            });
    assertThat(requests).isZero();

    String body = "{\"customerId\":\"" + id + "\",\"to\":\"qa@test.example\"}";
    Reply template = api.post("/api/templates/1/test-sends", body, MARKETING);
    assertProblem(template, 409);
    assertThat((String) template.json().get("detail")).contains("affinity.mail.host");

    Number campaign =
        (Number)
            api.post(
                    "/api/campaigns",
                    "{\"name\":\"off\",\"snapshotId\":"
                        + Snapshots.of(tx, run + "-")
                        + ",\"fromAddress\":\"shop@shop.example\",\"variants\":[{\"name\":\"A\","
                        + "\"templateId\":1}]}",
                    MARKETING)
                .json()
                .get("id");
    Reply campaignSend = api.post("/api/campaigns/" + campaign + "/test-sends", body, MARKETING);
    assertProblem(campaignSend, 409);
    assertThat((String) campaignSend.json().get("detail")).contains("affinity.mail.host");
  }
}
