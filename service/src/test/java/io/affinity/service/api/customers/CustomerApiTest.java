package io.affinity.service.api.customers;

import static io.affinity.service.api.TestApi.ADMIN;
import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class CustomerApiTest extends ApiTestBase {

  private String customer(String id, String email) {
    return "{\"id\":\"" + id + "\",\"email\":\"" + email + "\",\"name\":\"Ann Smith\"}";
  }

  @Test
  void putCreatesThenUpdatesAndRecordsConsent() {
    String id = "c-" + run;
    Reply created =
        api.put(
            "/api/customers/" + id,
            "{\"email\":\"ann@example.com\",\"name\":\"Ann\",\"emailConsent\":true,"
                + "\"consentSource\":\"signup-form\",\"preferredChannel\":\"email\","
                + "\"attributes\":{\"vip\":true}}",
            INGEST);
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.json()).containsEntry("id", id).containsEntry("email", "ann@example.com");
    Map<String, Object> consent = (Map<String, Object>) created.json().get("consent");
    assertThat(consent)
        .containsEntry("email", true)
        .containsEntry("state", "granted")
        .containsEntry("source", "api")
        .containsKey("at");
    // The shop's own source text is kept as the evidence of the ledger's statement.
    assertThat((List<Map<String, Object>>) consent.get("history"))
        .singleElement()
        .satisfies(e -> assertThat(e).containsEntry("evidence", "signup-form"));
    assertThat((Map<String, Object>) created.json().get("attributes")).containsEntry("vip", true);

    Reply updated = api.put("/api/customers/" + id, "{\"name\":\"Ann Smith\"}", INGEST);
    assertThat(updated.json())
        .containsEntry("name", "Ann Smith")
        .containsEntry("email", "ann@example.com");
  }

  @Test
  void theSingleCustomerViewShowsHouseholdMembersPurchasesAndEvents() {
    String household = "h-" + run;
    api.put(
        "/api/customers/a-" + run,
        "{\"name\":\"Ann\",\"householdId\":\"" + household + "\"}",
        INGEST);
    api.put(
        "/api/customers/b-" + run,
        "{\"name\":\"Bob\",\"householdId\":\"" + household + "\"}",
        INGEST);
    Reply events =
        api.post(
            "/api/events",
            "[{\"eventId\":\""
                + run
                + "-1\",\"type\":\"purchase\",\"customerId\":\"a-"
                + run
                + "\",\"productId\":\"p-"
                + run
                + "\",\"orderId\":\"o1\",\"quantity\":2,"
                + "\"unitPrice\":3.50,\"time\":\"2024-05-01T10:00:00Z\"},"
                + "{\"eventId\":\""
                + run
                + "-2\",\"type\":\"purchase\",\"customerId\":\"a-"
                + run
                + "\",\"productId\":\"q-"
                + run
                + "\",\"orderId\":\"o2\",\"quantity\":1,"
                + "\"unitPrice\":10,\"time\":\"2024-06-01T10:00:00Z\"},"
                + "{\"eventId\":\""
                + run
                + "-3\",\"type\":\"return\",\"customerId\":\"a-"
                + run
                + "\",\"productId\":\"q-"
                + run
                + "\",\"orderId\":\"o2\",\"quantity\":1,"
                + "\"unitPrice\":10,\"time\":\"2024-06-03T10:00:00Z\"}]",
            INGEST);
    assertThat(events.status()).isEqualTo(200);

    Reply view = api.get("/api/customers/a-" + run, MARKETING);

    assertThat(view.status()).isEqualTo(200);
    Map<String, Object> hh = (Map<String, Object>) view.json().get("household");
    assertThat(hh).containsEntry("id", household);
    assertThat((List<Map<String, Object>>) hh.get("members"))
        .extracting(m -> m.get("id"))
        .containsExactly("a-" + run, "b-" + run);
    Map<String, Object> purchases = (Map<String, Object>) view.json().get("purchases");
    assertThat(purchases)
        .containsEntry("orderCount", 2)
        .containsEntry("firstPurchaseAt", "2024-05-01T10:00:00Z")
        .containsEntry("lastPurchaseAt", "2024-06-01T10:00:00Z");
    assertThat(((Number) purchases.get("revenue")).doubleValue()).isEqualTo(7.0);
    assertThat((List<Map<String, Object>>) view.json().get("recentEvents"))
        .extracting(e -> e.get("type"))
        .containsExactly("return", "purchase", "purchase");
  }

  @Test
  void aBatchIsStoredWhole() {
    String body =
        "["
            + customer("x1-" + run, "x1@example.com")
            + ","
            + customer("x2-" + run, "x2@example.com")
            + "]";
    Reply reply = api.post("/api/customers/batch", body, INGEST);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json()).containsEntry("received", 2).containsEntry("created", 2);

    Reply again = api.post("/api/customers/batch", body, INGEST);
    assertThat(again.json()).containsEntry("created", 0).containsEntry("updated", 2);
  }

  @Test
  void aBatchWithOneBadCustomerStoresNothingAndNamesIt() {
    String body =
        "["
            + customer("ok-" + run, "ok@example.com")
            + ","
            + customer("bad-" + run, "not-an-email")
            + "]";
    Reply reply = api.post("/api/customers/batch", body, INGEST);

    assertProblem(reply, 422);
    assertThat(reply.errorFields()).containsExactly("[1].email");
    assertProblem(api.get("/api/customers/ok-" + run, ADMIN), 404);
  }

  @Test
  void aBatchOverTheLimitIsRefused() {
    List<String> items = new ArrayList<>();
    for (int i = 0; i <= 10_000; i++) {
      items.add("{\"id\":\"" + run + "-" + i + "\"}");
    }
    Reply reply = api.post("/api/customers/batch", "[" + String.join(",", items) + "]", INGEST);
    assertProblem(reply, 422);
    assertThat(reply.json().get("detail").toString()).contains("10000");
    assertProblem(api.get("/api/customers/" + run + "-0", ADMIN), 404);
  }

  @Test
  void badInputGetsAProblemNamingTheField() {
    String id = "e-" + run;
    Reply malformed = api.put("/api/customers/" + id, "{\"email\": ", INGEST);
    assertProblem(malformed, 400);

    Reply wrongType = api.put("/api/customers/" + id, "{\"emailConsent\":[1,2]}", INGEST);
    assertProblem(wrongType, 422);
    assertThat(wrongType.json().get("detail").toString()).contains("emailConsent");

    Reply badChannel = api.put("/api/customers/" + id, "{\"preferredChannel\":\"pigeon\"}", INGEST);
    assertProblem(badChannel, 422);
    assertThat(badChannel.errorFields()).containsExactly("preferredChannel");

    Reply mismatch = api.put("/api/customers/" + id, "{\"id\":\"other\"}", INGEST);
    assertProblem(mismatch, 422);
    assertThat(mismatch.errorFields()).containsExactly("id");

    Reply noBody = api.put("/api/customers/" + id, "", INGEST);
    assertThat(noBody.status()).isBetween(400, 422);
    assertThat(noBody.contentType()).isEqualTo("application/problem+json");

    assertProblem(api.get("/api/customers/" + id, MARKETING), 404);
  }

  @Test
  void anUnknownCustomerIsNotFound() {
    Reply reply = api.get("/api/customers/nobody-" + run, MARKETING);
    assertProblem(reply, 404);
    assertThat(reply.json().get("detail").toString()).contains("nobody-" + run);
  }
}
