package io.affinity.service.api.recommendations;

import static io.affinity.service.api.TestApi.ADMIN;
import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.RECOMMEND;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.progress.ProgressListener;
import io.affinity.recommender.model.ModelInfo;
import io.affinity.recommender.model.ModelTrainer;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Campaign responses feed the next model: clicks become a cross-occurrence indicator. */
@MicronautTest(transactional = false)
class CampaignClickFeedbackTest extends ApiTestBase {
  @Inject ModelTrainer trainer;

  @Test
  @SuppressWarnings("unchecked")
  void anItemClickedInACampaignByItsBuyersBecomesAnIndicatorOfTheNextModel() {
    String bought = "cf-bought-" + run;
    String clicked = "cf-clicked-" + run;
    SplittableRandom random = new SplittableRandom(11);
    List<String> events = new ArrayList<>();
    for (int c = 0; c < 160; c++) {
      String customer = "cf-" + run + "-" + c;
      if (c < 80) { // buyers of one item clicked another in a campaign
        events.add(event(customer, "purchase", bought, c));
        events.add(event(customer, "click", clicked, c));
      } else { // everyone else buys and clicks at random among twenty other items
        events.add(event(customer, "purchase", "cf-noise-" + run + "-" + random.nextInt(20), c));
        events.add(event(customer, "click", "cf-noise-" + run + "-" + random.nextInt(20), c));
      }
    }
    // Customers first (a click must come from a known customer), then the clicks.
    assertThat(post(events.stream().filter(e -> e.contains("purchase")).toList())).isEqualTo(200);
    assertThat(post(events.stream().filter(e -> e.contains("click")).toList())).isEqualTo(200);
    String probe = "cf-probe-" + run;
    assertThat(post(List.of(event(probe, "purchase", "cf-noise-" + run + "-0", 999))))
        .isEqualTo(200);
    assertThat(post(List.of(event(probe, "click", clicked, 999)))).isEqualTo(200);

    ModelInfo model = trainer.train(ProgressListener.NONE);

    assertThat(model.signals()).contains("purchase", "click");
    Reply reply = api.get("/api/recommendations/customers/" + probe + "?limit=5", RECOMMEND);
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    List<Map<String, Object>> items = (List<Map<String, Object>>) reply.json().get("items");
    Map<String, Object> top = items.get(0);
    assertThat(top.get("itemId")).as("%s", items).isEqualTo(bought);
    Map<String, Object> reason = (Map<String, Object>) top.get("reason");
    assertThat(reason).containsEntry("kind", "click").containsEntry("itemId", clicked);
    Reply models = api.get("/api/models", ADMIN);
    assertThat(((Number) models.json().get("served")).longValue()).isEqualTo(model.version());
  }

  private int post(List<String> events) {
    return api.post("/api/events", "[" + String.join(",", events) + "]", INGEST).status();
  }

  private Long campaign;

  /** A campaign for the click events to name (an event may only name one that exists). */
  private long campaign() {
    if (campaign == null) {
      campaign = api.externalCampaign("click feedback " + run);
    }
    return campaign;
  }

  private String event(String customer, String type, String product, int n) {
    return "{\"eventId\":\"cf-"
        + run
        + "-"
        + type
        + "-"
        + n
        + "-"
        + customer
        + "\",\"type\":\""
        + type
        + "\",\"customerId\":\""
        + customer
        + "\",\"productId\":\""
        + product
        + "\""
        + (type.equals("purchase")
            ? ",\"quantity\":1,\"unitPrice\":9.5"
            : ",\"campaignId\":" + campaign())
        + "}";
  }
}
