package io.affinity.service.api.lift;

import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.testing.TestSql;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registering a campaign sent elsewhere, importing its recipients from CSV, and its lift. */
@MicronautTest(transactional = false)
class ExternalCampaignApiTest extends ApiTestBase {
  @Inject LiftSql sql;
  @Inject TestSql read;

  private long campaign;

  @BeforeEach
  void register() {
    for (int i = 1; i <= 4; i++) {
      long id = sql.customer(run + "-" + i);
      if (i == 1) {
        sql.segment(id, "champions");
      }
    }
    Reply created =
        api.post(
            "/api/campaigns/external",
            "{\"name\":\"Spring sale (Mailchimp) "
                + run
                + "\",\"startedAt\":\"2024-04-01T08:00:00Z\",\"attributionDays\":14,"
                + "\"variants\":[\"A\",\"B\"]}",
            MARKETING);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json())
        .containsEntry("kind", "external")
        .containsEntry("attributionDays", 14);
    campaign = ((Number) created.json().get("id")).longValue();
  }

  private Reply csv(long id, String body) {
    return api.send(
        HttpRequest.POST("/api/campaigns/" + id + "/recipients", body).contentType("text/csv"),
        MARKETING);
  }

  private long recipients(long id) {
    return read.count("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ?", id);
  }

  @Test
  @SuppressWarnings("unchecked")
  void importsRecipientsAndTheLiftReportWorksOnThem() {
    Reply imported =
        csv(
            campaign,
            "customer_id,arm\n"
                + run
                + "-1,A\n"
                + run
                + "-2,B\n\n"
                + run
                + "-3,control\n"
                + run
                + "-4,control\n");

    assertThat(imported.status()).as("%s", imported.body()).isEqualTo(200);
    assertThat(imported.json()).containsEntry("imported", 4);
    assertThat((Map<String, Object>) imported.json().get("byArm"))
        .containsEntry("A", 1)
        .containsEntry("B", 1)
        .containsEntry("control", 2);
    Reply lift = api.get("/api/campaigns/" + campaign + "/lift?by=variant", MARKETING);
    assertThat(lift.status()).isEqualTo(200);
    Map<String, Object> overall = (Map<String, Object>) lift.json().get("overall");
    assertThat((Map<String, Object>) overall.get("treatment")).containsEntry("recipients", 2);
    assertThat((Map<String, Object>) overall.get("control")).containsEntry("recipients", 2);
    Reply rfm = api.get("/api/campaigns/" + campaign + "/lift?by=rfm", MARKETING);
    assertThat(rfm.status()).isEqualTo(200);
    assertThat((List<Map<String, Object>>) rfm.json().get("groups"))
        .extracting(g -> g.get("group"))
        .containsExactly("champions", "unknown");
  }

  @Test
  void badLinesAreReportedByNumberAndNothingIsImported() {
    Reply reply =
        csv(
            campaign,
            "arm,customer_id\n"
                + "A,"
                + run
                + "-1\n" // line 2: fine
                + "A,nobody-"
                + run
                + "\n" // line 3: unknown customer
                + "C,"
                + run
                + "-2\n" // line 4: no such arm
                + "control,"
                + run
                + "-1\n" // line 5: a duplicate of line 2
                + "B,\n"); // line 6: empty id

    assertProblem(reply, 422);
    assertThat(reply.errorFields())
        .containsExactly(
            "line 6.customer_id", "line 3.customer_id", "line 4.arm", "line 5.customer_id");
    assertThat(reply.errors().get(3).get("reason").toString()).contains("already on line 2");
    assertThat(recipients(campaign)).isZero();
  }

  @Test
  void aSecondImportOfTheSameCustomerIsRefusedWhole() {
    assertThat(csv(campaign, "customer_id,arm\n" + run + "-1,A\n").status()).isEqualTo(200);

    Reply again = csv(campaign, "customer_id,arm\n" + run + "-2,B\n" + run + "-1,A\n");

    assertProblem(again, 422);
    assertThat(again.errorFields()).containsExactly("line 3.customer_id");
    assertThat(recipients(campaign)).isEqualTo(1);
  }

  @Test
  void formAndTargetProblems() {
    Reply noHeader = csv(campaign, "who,what\nx,A\n");
    assertProblem(noHeader, 422);
    assertThat(noHeader.errorFields()).containsExactly("line 1");

    assertProblem(csv(999999999L, "customer_id,arm\n" + run + "-1,A\n"), 404);
    long ours = sql.campaign("ours " + run, 1L, 7);
    assertProblem(csv(ours, "customer_id,arm\n" + run + "-1,A\n"), 409);

    Reply invalid =
        api.post(
            "/api/campaigns/external",
            "{\"name\":\" \",\"attributionDays\":0,\"variants\":[\"A\",\"control\",\"A\"]}",
            MARKETING);
    assertProblem(invalid, 422);
    assertThat(invalid.errorFields())
        .containsExactly("name", "startedAt", "attributionDays", "variants[1]", "variants[2]");
    assertProblem(api.post("/api/campaigns/external", "{\"nme\":\"x\"}", MARKETING), 422);
  }
}
