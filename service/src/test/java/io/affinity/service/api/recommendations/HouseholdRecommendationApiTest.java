package io.affinity.service.api.recommendations;

import static io.affinity.service.api.TestApi.ADMIN;
import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.RECOMMEND;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticProduct;
import io.affinity.core.synthetic.SyntheticShop;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.recommender.model.ModelTrainer;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Households as one customer: their members' history together, their purchases left out. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HouseholdRecommendationApiTest extends ApiTestBase {
  @Inject SyntheticShopLoader loader;
  @Inject ModelTrainer trainer;

  private SyntheticProduct anchor;

  @BeforeAll
  void loadShopAndTrain() {
    String prefix = "hh" + UUID.randomUUID().toString().substring(0, 6) + "-";
    ShopSpec spec = ShopSpec.of(400, 90, 25_000, 11).withIdPrefix(prefix);
    loader.load(spec, ProgressListener.NONE);
    anchor =
        SyntheticShop.generate(spec).planted().products().stream()
            .filter(SyntheticProduct::inStock)
            .findFirst()
            .orElseThrow();
    trainer.train(ProgressListener.NONE);
  }

  private List<Object> ids(Reply reply) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    return ((List<Map<String, Object>>) reply.json().get("items"))
        .stream().map(i -> i.get("itemId")).toList();
  }

  private String event(String id, String type, String customer, String product) {
    return "{\"eventId\":\""
        + id
        + "\",\"type\":\""
        + type
        + "\",\"customerId\":\""
        + customer
        + "\",\"productId\":\""
        + product
        + "\""
        + (type.equals("purchase") ? ",\"quantity\":1,\"unitPrice\":4" : "")
        + "}";
  }

  @Test
  void whatAnyMemberBoughtIsLeftOutForTheHousehold() {
    String household = "house-" + run;
    String buyer = "buyer-" + run;
    String browser = "browser-" + run;
    api.post(
        "/api/customers/batch",
        "[{\"id\":\""
            + buyer
            + "\",\"householdId\":\""
            + household
            + "\"},"
            + "{\"id\":\""
            + browser
            + "\",\"householdId\":\""
            + household
            + "\"}]",
        INGEST);
    api.post("/api/events", event(run + "-v", "view", browser, anchor.id()), INGEST);
    List<Object> alone =
        ids(api.get("/api/recommendations/customers/" + browser + "?limit=5", RECOMMEND));
    assertThat(alone).isNotEmpty();
    Object top = alone.get(0);

    api.post("/api/events", event(run + "-p", "purchase", buyer, (String) top), INGEST);

    assertThat(ids(api.get("/api/recommendations/customers/" + browser + "?limit=5", RECOMMEND)))
        .as("the browser alone has not bought it")
        .contains(top);
    assertThat(
            ids(
                api.get(
                    "/api/recommendations/customers/" + browser + "?limit=5&scope=household",
                    RECOMMEND)))
        .as("but the household has")
        .doesNotContain(top)
        .isNotEmpty();
    Reply forHousehold =
        api.get("/api/recommendations/households/" + household + "?limit=5", RECOMMEND);
    assertThat(ids(forHousehold)).doesNotContain(top).isNotEmpty();
    assertThat(((Number) forHousehold.json().get("personalised")).intValue()).isPositive();
    assertThat(
            ids(
                api.get(
                    "/api/recommendations/households/"
                        + household
                        + "?limit=50&includePurchased=true",
                    RECOMMEND)))
        .contains(top);
  }

  @Test
  void aCustomerWithoutHouseholdFallsBackToTheirOwnHistory() {
    String single = "single-" + run;
    api.post("/api/events", event(run + "-s", "view", single, anchor.id()), INGEST);
    assertThat(
            ids(
                api.get(
                    "/api/recommendations/customers/" + single + "?scope=household", RECOMMEND)))
        .isEqualTo(ids(api.get("/api/recommendations/customers/" + single, RECOMMEND)));
  }

  @Test
  void badRequestsGetProblems() {
    assertProblem(api.get("/api/recommendations/households/nowhere-" + run, RECOMMEND), 404);
    Reply scope = api.get("/api/recommendations/customers/x?scope=street", RECOMMEND);
    assertProblem(scope, 422);
    assertThat(scope.errorFields()).containsExactly("scope");
    assertProblem(api.get("/api/recommendations/households/x", ADMIN.substring(1)), 401);
  }

  @Test
  void aHouseholdWithoutEventsGetsPopularItems() {
    String household = "quiet-" + run;
    api.put("/api/households/" + household, "{\"name\":\"Quiet\"}", INGEST);
    Reply reply = api.get("/api/recommendations/households/" + household + "?limit=4", RECOMMEND);
    assertThat(ids(reply)).hasSize(4);
    assertThat(reply.json()).containsEntry("personalised", 0);
  }
}
