package io.affinity.service.api.analytics;

import static io.affinity.service.api.TestApi.ADMIN;
import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static io.affinity.service.api.TestApi.RECOMMEND;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class CustomerValueApiTest extends ApiTestBase {

  /** Twenty customers; customer 19 spends far more than anyone, customer 0 the least. */
  private void ingestShop() {
    List<Map<String, Object>> events = new ArrayList<>();
    for (int c = 0; c < 20; c++) {
      for (int k = 0; k <= c % 4; k++) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", run + "-" + c + "-" + k);
        e.put("type", "purchase");
        e.put("customerId", "v-" + run + "-" + c);
        e.put("productId", "p-" + run);
        e.put("orderId", "o-" + run + "-" + c + "-" + k);
        e.put("quantity", c == 19 ? 1000 : 1 + c);
        e.put("unitPrice", c == 19 ? 100000 : 10);
        e.put("time", Instant.parse("2024-01-01T10:00:00Z").plusSeconds(86400L * (c + 9 * k)));
        e.put("source", "web");
        events.add(e);
      }
    }
    Reply reply = api.post("/api/events", api.toJson(events), INGEST);
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
  }

  private Map<String, Object> recompute() throws InterruptedException {
    Reply started = api.post("/api/analytics/customer-value/recompute", "", MARKETING);
    assertThat(started.status()).isEqualTo(202);
    Object id = started.json().get("id");
    for (int i = 0; i < 600; i++) {
      Reply job = api.get("/api/analytics/customer-value/jobs/" + id, MARKETING);
      String state = (String) job.json().get("state");
      if ("SUCCEEDED".equals(state) || "FAILED".equals(state)) {
        return job.json();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("recompute did not finish");
  }

  @Test
  @SuppressWarnings("unchecked")
  void recomputeThenBestCustomersSummaryAndTheSingleCustomerView() throws Exception {
    ingestShop();

    Map<String, Object> job = recompute();

    assertThat(job).containsEntry("state", "SUCCEEDED").containsEntry("progress", 1.0);
    assertThat(((Map<String, Object>) job.get("result")).get("buyers"))
        .satisfies(n -> assertThat(((Number) n).intValue()).isGreaterThanOrEqualTo(20));

    // The literal route wins over /api/customers/{id}.
    Reply best = api.get("/api/customers/best?by=monetary&limit=1000", MARKETING);
    assertThat(best.status()).isEqualTo(200);
    List<Map<String, Object>> rows = (List<Map<String, Object>>) best.body();
    List<Double> monetary =
        rows.stream().map(r -> ((Number) r.get("monetary")).doubleValue()).toList();
    assertThat(monetary).isSortedAccordingTo((x, y) -> Double.compare(y, x));
    Map<String, Object> top =
        rows.stream()
            .filter(r -> ("v-" + run + "-19").equals(r.get("customerId")))
            .findFirst()
            .orElseThrow();
    // 4 orders of 1000 x 100,000 -> 400,000,000.00
    assertThat(((Number) top.get("monetary")).doubleValue()).isEqualTo(4.0e8);
    assertThat(top).containsEntry("frequency", 4).containsKey("rfmSegment");

    Reply byClv = api.get("/api/customers/best?by=predicted_clv&limit=5", ADMIN);
    assertThat(byClv.status()).isEqualTo(200);
    assertThat((List<Object>) byClv.body()).hasSizeLessThanOrEqualTo(5);
    Reply byDefault = api.get("/api/customers/best", MARKETING);
    assertThat((List<Object>) byDefault.body()).hasSizeLessThanOrEqualTo(20).isNotEmpty();

    Reply summary = api.get("/api/analytics/customer-value", MARKETING);
    assertThat(summary.status()).isEqualTo(200);
    List<Map<String, Object>> segments = (List<Map<String, Object>>) summary.json().get("segments");
    assertThat(segments).hasSize(11);
    double share =
        segments.stream().mapToDouble(s -> ((Number) s.get("revenueShare")).doubleValue()).sum();
    assertThat(share).isBetween(0.99, 1.01);
    assertThat(((Number) summary.json().get("topDecileRevenueShare")).doubleValue())
        .isBetween(0.1, 1.0);

    Reply view = api.get("/api/customers/v-" + run + "-19", MARKETING);
    assertThat(view.status()).isEqualTo(200);
    Map<String, Object> value = (Map<String, Object>) view.json().get("value");
    assertThat(value).containsEntry("frequency", 4).containsEntry("preferredChannel", "web");
    assertThat(((Number) value.get("monetary")).doubleValue()).isEqualTo(4.0e8);
    assertThat(value).containsKeys("rScore", "fScore", "mScore", "rfmSegment", "tenureDays");
  }

  @Test
  void badRankingOrLimitIsAProblemNamingTheParameter() {
    Reply badBy = api.get("/api/customers/best?by=shoe_size", MARKETING);
    assertProblem(badBy, 422);
    assertThat(badBy.errorFields()).containsExactly("by");

    for (String limit : new String[] {"0", "1001", "ten", "-3"}) {
      Reply badLimit = api.get("/api/customers/best?limit=" + limit, MARKETING);
      assertProblem(badLimit, 422);
      assertThat(badLimit.errorFields()).containsExactly("limit");
    }
    Reply both =
        api.get("/api/customers/best?by=x%27%3B%20DROP%20TABLE%20customers&limit=x", MARKETING);
    assertProblem(both, 422);
    assertThat(both.errorFields()).containsExactly("by", "limit");

    assertProblem(api.get("/api/analytics/customer-value/jobs/987654321", MARKETING), 404);
  }

  @Test
  void theEndpointsNeedTheMarketingScope() {
    assertProblem(api.get("/api/customers/best", RECOMMEND), 403);
    assertProblem(api.get("/api/analytics/customer-value", INGEST), 403);
    assertProblem(api.post("/api/analytics/customer-value/recompute", "", RECOMMEND), 403);
    assertProblem(api.get("/api/customers/best", null), 401);
  }

  @Test
  void aCustomerIdStillReachesTheSingleCustomerView() {
    String id = "bestie-" + run;
    api.put("/api/customers/" + id, "{\"name\":\"Bea\"}", INGEST);
    Reply view = api.get("/api/customers/" + id, MARKETING);
    assertThat(view.status()).isEqualTo(200);
    assertThat(view.json()).containsEntry("id", id).doesNotContainKey("value");
  }
}
