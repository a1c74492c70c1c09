package io.affinity.service.api.events;

import static io.affinity.service.api.TestApi.ADMIN;
import static io.affinity.service.api.TestApi.INGEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class EventApiTest extends ApiTestBase {

  private String purchase(String eventId, String customer, int quantity, String price) {
    return "{\"eventId\":\""
        + eventId
        + "\",\"type\":\"purchase\",\"customerId\":\""
        + customer
        + "\",\"productId\":\"p-"
        + run
        + "\",\"orderId\":\"o-"
        + eventId
        + "\",\"quantity\":"
        + quantity
        + ",\"unitPrice\":"
        + price
        + ",\"time\":\"2024-02-01T12:00:00.250Z\"}";
  }

  private Map<String, Object> purchases(String customer) {
    Reply view = api.get("/api/customers/" + customer, ADMIN);
    assertThat(view.status()).isEqualTo(200);
    return (Map<String, Object>) view.json().get("purchases");
  }

  @Test
  void oneEventIsStored() {
    String c = "c-" + run;
    Reply reply = api.post("/api/events", purchase(run + "-1", c, 2, "4.25"), INGEST);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json())
        .containsEntry("received", 1)
        .containsEntry("stored", 1)
        .containsEntry("customersCreated", 1)
        .containsEntry("productsCreated", 1);
    assertThat(((Number) purchases(c).get("revenue")).doubleValue()).isEqualTo(8.5);
  }

  @Test
  void aRetriedBatchAddsNothing() {
    String c = "r-" + run;
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      events.add(purchase(run + "-" + i, c, 1, "1.00"));
    }
    String body = "[" + String.join(",", events) + "]";

    Reply first = api.post("/api/events", body, INGEST);
    Reply retry = api.post("/api/events", body, INGEST);

    assertThat(first.json()).containsEntry("stored", 500).containsEntry("duplicates", 0);
    assertThat(retry.json()).containsEntry("stored", 0).containsEntry("duplicates", 500);
    assertThat(purchases(c)).containsEntry("eventCount", 500).containsEntry("orderCount", 500);
  }

  @Test
  void aBatchWithBadEventsStoresNothingAndListsEveryProblem() {
    String c = "b-" + run;
    String body =
        "["
            + purchase(run + "-ok", c, 1, "1.00")
            + ","
            + purchase(run + "-negq", c, -1, "1.00")
            + ","
            + purchase(run + "-negp", c, 1, "-2.00")
            + ",{\"type\":\"teleport\",\"customerId\":\""
            + c
            + "\"}"
            + ",{\"type\":\"purchase\",\"productId\":\"p\",\"quantity\":1,\"unitPrice\":1}"
            + "]";
    Reply reply = api.post("/api/events", body, INGEST);

    assertProblem(reply, 422);
    assertThat(reply.errorFields())
        .containsExactly("[1].quantity", "[2].unitPrice", "[3].type", "[4].customerId");
    assertProblem(api.get("/api/customers/" + c, ADMIN), 404);
  }

  @Test
  void aCampaignResponseFromAnUnknownCustomerIsRefusedAndNothingIsWritten() {
    String known = "k-" + run;
    String body =
        "["
            + purchase(run + "-p", known, 1, "1.00")
            + ",{\"eventId\":\""
            + run
            + "-c\",\"type\":\"click\",\"customerId\":\"ghost-"
            + run
            + "\",\"campaignId\":"
            + api.externalCampaign("ghost clicks " + run)
            + "}]";
    Reply reply = api.post("/api/events", body, INGEST);

    assertProblem(reply, 422);
    assertThat(reply.errorFields()).containsExactly("[1].customerId");
    assertThat(reply.errors().get(0).get("reason").toString()).contains("unknown customer");
    assertProblem(api.get("/api/customers/" + known, ADMIN), 404);
  }

  @Test
  void aBatchOverTheLimitIsRefused() {
    List<String> events = new ArrayList<>();
    for (int i = 0; i <= 10_000; i++) {
      events.add(purchase(run + "-" + i, "big-" + run, 1, "1.00"));
    }
    Reply reply = api.post("/api/events", "[" + String.join(",", events) + "]", INGEST);

    assertProblem(reply, 422);
    assertThat(reply.errorFields()).containsExactly("events");
    assertProblem(api.get("/api/customers/big-" + run, ADMIN), 404);
  }

  @Test
  void unreadableBodiesGetAProblemNamingTheField() {
    Reply truncated = api.post("/api/events", "[{\"type\":\"view\",", INGEST);
    assertProblem(truncated, 400);

    Reply wrongType =
        api.post(
            "/api/events",
            "[{\"type\":\"purchase\",\"customerId\":\"x\"},"
                + "{\"type\":\"purchase\",\"customerId\":\"x\",\"quantity\":\"two\"}]",
            INGEST);
    assertProblem(wrongType, 422);
    assertThat(wrongType.errorFields()).containsExactly("[1].quantity");

    Reply badTime =
        api.post(
            "/api/events",
            "{\"type\":\"visit\",\"customerId\":\"x\",\"time\":\"yesterday\"}",
            INGEST);
    assertProblem(badTime, 422);
    assertThat(badTime.errorFields()).containsExactly("time");

    Reply misspelt = api.post("/api/events", "{\"type\":\"visit\",\"customerID\":\"x\"}", INGEST);
    assertProblem(misspelt, 422);
    assertThat(misspelt.errorFields()).containsExactly("customerID");

    assertProblem(api.post("/api/events", "", INGEST), 400);
    assertProblem(api.post("/api/events", "42", INGEST), 400);
    assertProblem(api.post("/api/events", "[]", INGEST), 422);
  }

  @Test
  void anUnsubscribeEventWithdrawsConsent() {
    String c = "u-" + run;
    api.put("/api/customers/" + c, "{\"email\":\"u@example.com\",\"emailConsent\":true}", INGEST);

    Reply reply =
        api.post(
            "/api/events",
            "{\"eventId\":\""
                + run
                + "-u\",\"type\":\"unsubscribe\",\"customerId\":\""
                + c
                + "\",\"campaignId\":"
                + api.externalCampaign("unsubscribes " + run)
                + "}",
            INGEST);

    assertThat(reply.status()).isEqualTo(200);
    Map<String, Object> consent =
        (Map<String, Object>) api.get("/api/customers/" + c, ADMIN).json().get("consent");
    assertThat(consent).containsEntry("email", false).containsEntry("source", "unsubscribe-event");
  }
}
