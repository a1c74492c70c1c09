package io.affinity.service.api.lift;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/campaigns/{id}/lift}. The campaign: 4 treatment recipients of whom 2 bought (30
 * and 10), 4 control recipients of whom 1 bought (20), all within the 7-day window.
 */
@MicronautTest(transactional = false)
class LiftApiTest extends ApiTestBase {
  private static final long T0 = 1_700_000_000_000L;
  private static final long DAY = 86_400_000L;

  @Inject LiftSql sql;

  private long campaign;

  @BeforeEach
  void campaign() {
    campaign = sql.campaign("api " + run, T0, 7);
    String[] prices = {"30.00", "10.00", null, null, "20.00", null, null, null};
    for (int i = 0; i < prices.length; i++) {
      long c = sql.customer(run + "-" + i);
      sql.recipient(campaign, c, i < 4 ? "A" : "control");
      if (prices[i] != null) {
        sql.purchase(c, prices[i], T0 + DAY);
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void reportsTreatmentAgainstControl() {
    Reply reply = api.get("/api/campaigns/" + campaign + "/lift", MARKETING);

    assertThat(reply.status()).isEqualTo(200);
    Map<String, Object> overall = (Map<String, Object>) reply.json().get("overall");
    Map<String, Object> treatment = (Map<String, Object>) overall.get("treatment");
    Map<String, Object> control = (Map<String, Object>) overall.get("control");
    assertThat(treatment).containsEntry("recipients", 4).containsEntry("conversions", 2);
    assertThat(((Number) treatment.get("revenuePerRecipient")).doubleValue()).isEqualTo(10.0);
    assertThat(((Number) control.get("conversionRate")).doubleValue()).isEqualTo(0.25);
    Map<String, Object> conversion = (Map<String, Object>) overall.get("conversion");
    Map<String, Object> absolute = (Map<String, Object>) conversion.get("absoluteLift");
    assertThat(((Number) absolute.get("value")).doubleValue()).isCloseTo(0.25, within(1e-9));
    assertThat(conversion)
        .containsKeys("pValue", "zScore", "relativeLift", "minimumDetectableEffect");
    Map<String, Object> revenue = (Map<String, Object>) overall.get("revenuePerRecipient");
    assertThat(revenue)
        .containsKeys("pValue", "tStatistic", "degreesOfFreedom", "incrementalRevenue");
    assertThat((List<String>) overall.get("warnings")).isNotEmpty();
    assertThat((List<Object>) reply.json().get("daily")).hasSize(2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void cupedAndGroupingsAreOptions() {
    Reply cuped = api.get("/api/campaigns/" + campaign + "/lift?cuped=true&by=variant", MARKETING);
    Reply rfm = api.get("/api/campaigns/" + campaign + "/lift?by=rfm", MARKETING);

    assertThat(cuped.status()).isEqualTo(200);
    assertThat(cuped.json()).containsEntry("cuped", true).containsEntry("by", "variant");
    Map<String, Object> overall = (Map<String, Object>) cuped.json().get("overall");
    assertThat((Map<String, Object>) overall.get("revenuePerRecipient")).containsKey("cuped");
    List<Map<String, Object>> groups = (List<Map<String, Object>>) cuped.json().get("groups");
    assertThat(groups).extracting(g -> g.get("group")).containsExactly("A");
    List<Map<String, Object>> segments = (List<Map<String, Object>>) rfm.json().get("groups");
    assertThat(segments).extracting(g -> g.get("group")).containsExactly("unknown");
  }

  @Test
  void badRequestsAreProblems() {
    Reply unknown = api.get("/api/campaigns/999999999/lift", MARKETING);
    assertProblem(unknown, 404);
    assertThat((String) unknown.json().get("detail")).contains("campaign");

    Reply badBy = api.get("/api/campaigns/" + campaign + "/lift?by=colour", MARKETING);
    assertProblem(badBy, 422);
    assertThat(badBy.errorFields()).containsExactly("by");

    long draft = sql.campaign("draft " + run, null, 7);
    assertProblem(api.get("/api/campaigns/" + draft + "/lift", MARKETING), 409);
    assertProblem(api.get("/api/campaigns/" + campaign + "/lift", null), 401);
    assertProblem(api.get("/api/campaigns/" + campaign + "/lift", INGEST), 403);
  }
}
