package io.affinity.service.api.recommendations;

import static io.affinity.service.api.TestApi.ADMIN;
import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.RECOMMEND;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.CategoryPair;
import io.affinity.core.synthetic.PlantedStructure;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticProduct;
import io.affinity.core.synthetic.SyntheticShop;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Recommendations over HTTP on a synthetic shop whose structure is known. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendationApiTest extends ApiTestBase {
  @Inject SyntheticShopLoader loader;

  private PlantedStructure planted;
  private String prefix;

  @BeforeAll
  void loadShopAndTrain() throws Exception {
    prefix = "rt" + UUID.randomUUID().toString().substring(0, 6) + "-";
    // The shop's year ends now, so that its purchases are the newest events even in a database
    // other tests share: each model's holdout check scores the last 14 days before the newest one.
    ShopSpec spec =
        ShopSpec.of(600, 120, 40_000, 7).withHistory(365, Instant.now()).withIdPrefix(prefix);
    loader.load(spec, ProgressListener.NONE);
    planted = SyntheticShop.generate(spec).planted();
    TestApi admin = new TestApi(client, json);
    trainAndWait(admin);
  }

  private long trainAndWait(TestApi admin) throws InterruptedException {
    Reply started = admin.post("/api/models/train", "", ADMIN);
    assertThat(started.status()).isEqualTo(202);
    Object id = started.json().get("id");
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      Reply job = admin.get("/api/models/jobs/" + id, ADMIN);
      String state = (String) job.json().get("state");
      if (state.equals("SUCCEEDED")) {
        return ((Number) job.json().get("modelVersion")).longValue();
      }
      assertThat(state).isNotEqualTo("FAILED");
      Thread.sleep(200);
    }
    throw new AssertionError("training did not finish in time");
  }

  @Test
  void theRegistryRecordsWhatEachModelLearnedFromAndHowItDidOnAHoldout() {
    Reply reply = api.get("/api/models", ADMIN);

    Map<String, Object> newest = ((List<Map<String, Object>>) reply.json().get("models")).get(0);
    assertThat((List<String>) newest.get("signals")).contains("purchase");
    Map<String, Object> metrics = (Map<String, Object>) newest.get("metrics");
    assertThat(metrics).as("%s", newest).isNotNull();
    assertThat(((Number) metrics.get("customers")).intValue()).isPositive();
    assertThat(((Number) metrics.get("ndcg")).doubleValue())
        .as("the planted taste clusters beat popularity on the held-out days")
        .isGreaterThan(((Number) metrics.get("popularityNdcg")).doubleValue());
  }

  private List<Map<String, Object>> items(Reply reply) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    return (List<Map<String, Object>>) reply.json().get("items");
  }

  private String categoryOf(Map<String, Object> item) {
    return (String) item.get("categoryPath");
  }

  /** A well-selling in-stock product of {@code category}. */
  private SyntheticProduct productIn(String category) {
    return planted.products().stream()
        .filter(p -> p.categoryPath().equals(category) && p.inStock())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theBasketOfAPlantedCategoryGetsItsComplement() {
    // With about 20 categories, chance would put the complement in the top 5 a quarter of the
    // time; the planted pairs must be found every time, and mostly in first or second place.
    int inTopTwo = 0;
    for (CategoryPair pair : planted.complementaryPairs()) {
      SyntheticProduct anchor = productIn(pair.from());
      Reply reply =
          api.post(
              "/api/recommendations/basket?limit=5",
              "{\"items\":[\"" + anchor.id() + "\"]}",
              RECOMMEND);
      List<Map<String, Object>> items = items(reply);
      assertThat(items).extracting(i -> i.get("itemId")).doesNotContain(anchor.id());
      List<String> categories = items.stream().map(this::categoryOf).toList();
      assertThat(categories).as("top 5 for a basket in %s", pair.from()).contains(pair.to());
      if (categories.subList(0, 2).contains(pair.to())) {
        inTopTwo++;
      }
    }
    // Chance would put it first or second about a tenth of the time. The shared MariaDB test
    // database holds other shops and the Online Retail data too, which shifts the scores a little.
    assertThat(inTopTwo)
        .isGreaterThanOrEqualTo((int) Math.ceil(planted.complementaryPairs().size() * 0.6));
  }

  @Test
  void everyItemHasAScoreAndAReasonAndTheModelVersionIsGiven() {
    CategoryPair pair = planted.complementaryPairs().get(0);
    SyntheticProduct anchor = productIn(pair.from());
    Reply reply =
        api.get("/api/recommendations/items/" + anchor.id() + "/similar?limit=5", RECOMMEND);
    List<Map<String, Object>> items = items(reply);
    assertThat(items).isNotEmpty();
    assertThat(((Number) reply.json().get("modelVersion")).longValue()).isPositive();
    for (Map<String, Object> item : items) {
      assertThat(((Number) item.get("score")).doubleValue()).isPositive();
      Map<String, Object> reason = (Map<String, Object>) item.get("reason");
      assertThat((String) reason.get("text")).isNotBlank();
    }
    Map<String, Object> first = (Map<String, Object>) items.get(0).get("reason");
    assertThat(first.get("kind")).isIn("purchase", "view");
    assertThat((String) first.get("text")).contains(anchor.name());
  }

  @Test
  void rulesAreHonoured() {
    CategoryPair pair = planted.complementaryPairs().get(1);
    SyntheticProduct anchor = productIn(pair.from());
    String basket = "{\"items\":[\"" + anchor.id() + "\"]}";

    List<Map<String, Object>> all =
        items(api.post("/api/recommendations/basket?limit=50", basket, RECOMMEND));
    assertThat(all).allMatch(i -> Boolean.TRUE.equals(i.get("inStock")));

    List<Map<String, Object>> noComplement =
        items(
            api.post(
                "/api/recommendations/basket?limit=20&excludeCategory=" + enc(pair.to()),
                basket,
                RECOMMEND));
    assertThat(noComplement).noneMatch(i -> categoryOf(i).startsWith(pair.to()));

    List<Map<String, Object>> onlyComplement =
        items(
            api.post(
                "/api/recommendations/basket?limit=20&includeCategory=" + enc(pair.to()),
                basket,
                RECOMMEND));
    assertThat(onlyComplement).isNotEmpty().allMatch(i -> categoryOf(i).startsWith(pair.to()));

    List<Map<String, Object>> priced =
        items(
            api.post(
                "/api/recommendations/basket?limit=20&minPrice=10&maxPrice=40", basket, RECOMMEND));
    assertThat(priced)
        .isNotEmpty()
        .allMatch(
            i -> {
              double price = ((Number) i.get("price")).doubleValue();
              return price >= 10 && price <= 40;
            });

    String excluded = (String) all.get(0).get("itemId");
    List<Map<String, Object>> withoutFirst =
        items(
            api.post(
                "/api/recommendations/basket?limit=20&exclude=" + enc(excluded),
                basket,
                RECOMMEND));
    assertThat(withoutFirst).extracting(i -> i.get("itemId")).doesNotContain(excluded);

    String brand =
        planted.products().stream()
            .filter(p -> p.categoryPath().equals(pair.to()))
            .map(SyntheticProduct::brand)
            .findFirst()
            .orElseThrow();
    List<Map<String, Object>> boosted =
        items(
            api.post(
                "/api/recommendations/basket?limit=5&boost=" + enc("brand:" + brand + ":100"),
                basket,
                RECOMMEND));
    assertThat(planted.product((String) boosted.get(0).get("itemId")).brand()).isEqualTo(brand);
  }

  @Test
  void aFreshPurchaseChangesTheNextAnswer() {
    String customer = prefix + "fresh-" + run;
    CategoryPair pair = planted.complementaryPairs().get(2);
    SyntheticProduct anchor = productIn(pair.from());
    api.post("/api/events", event("view", customer, anchor.id(), 1), INGEST);

    List<Map<String, Object>> before =
        items(api.get("/api/recommendations/customers/" + customer + "?limit=10", RECOMMEND));
    String bought = (String) before.get(0).get("itemId");
    api.post("/api/events", event("purchase", customer, bought, 2), INGEST);
    List<Map<String, Object>> after =
        items(api.get("/api/recommendations/customers/" + customer + "?limit=10", RECOMMEND));

    assertThat(after).extracting(i -> i.get("itemId")).doesNotContain(bought);
    assertThat(ids(after)).isNotEqualTo(ids(before));
    List<Map<String, Object>> withPurchased =
        items(
            api.get(
                "/api/recommendations/customers/" + customer + "?limit=10&includePurchased=true",
                RECOMMEND));
    assertThat(withPurchased).extracting(i -> i.get("itemId")).contains(bought);
    Map<String, Object> again =
        withPurchased.stream().filter(i -> i.get("itemId").equals(bought)).findFirst().get();
    assertThat((Map<String, Object>) again.get("reason"))
        .containsEntry("kind", "repeat")
        .containsEntry("itemId", bought)
        .containsEntry("text", "you bought this before");
  }

  @Test
  void aCustomerWithoutHistoryGetsPopularItems() {
    String customer = prefix + "new-" + run;
    api.put("/api/customers/" + customer, "{\"name\":\"New\"}", INGEST);
    Reply reply = api.get("/api/recommendations/customers/" + customer + "?limit=7", RECOMMEND);
    List<Map<String, Object>> items = items(reply);
    assertThat(items).hasSize(7);
    assertThat(reply.json()).containsEntry("personalised", 0);
    List<Map<String, Object>> trending =
        items(
            api.get(
                "/api/recommendations/customers/" + customer + "?limit=3&backfill=trending",
                RECOMMEND));
    assertThat(trending)
        .hasSize(3)
        .allMatch(i -> ((Map<String, Object>) i.get("reason")).get("kind").equals("trending"));
    assertThat(items)
        .allMatch(i -> ((Map<String, Object>) i.get("reason")).get("kind").equals("popular"));
  }

  @Test
  void buyAgainListsRepeatPurchasesThatAreDue() {
    String customer = prefix + "again-" + run;
    List<SyntheticProduct> consumables =
        planted.products().stream().filter(p -> p.consumable() && p.inStock()).limit(2).toList();
    SyntheticProduct regular = consumables.get(0);
    SyntheticProduct once = consumables.get(1);
    java.time.Instant t0 = java.time.Instant.parse("2025-02-01T10:00:00Z");
    long cycle = regular.cycleDays();
    List<String> events = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      events.add(
          purchaseAt(customer, regular.id(), t0.plus(java.time.Duration.ofDays(k * cycle)), k));
    }
    events.add(purchaseAt(customer, once.id(), t0, 9));
    assertThat(api.post("/api/events", "[" + String.join(",", events) + "]", INGEST).status())
        .isEqualTo(200);

    java.time.Instant due = t0.plus(java.time.Duration.ofDays(3 * cycle));
    List<Map<String, Object>> items =
        items(
            api.get(
                "/api/recommendations/customers/" + customer + "/buy-again?at=" + due, RECOMMEND));
    Map<String, Object> first = items.get(0);
    assertThat(first.get("itemId")).isEqualTo(regular.id());
    assertThat((String) ((Map<String, Object>) first.get("reason")).get("text"))
        .contains("you buy it about every " + cycle + " days");

    java.time.Instant early = t0.plus(java.time.Duration.ofDays(2 * cycle + cycle / 4));
    assertThat(
            items(
                api.get(
                    "/api/recommendations/customers/" + customer + "/buy-again?at=" + early,
                    RECOMMEND)))
        .extracting(i -> i.get("itemId"))
        .doesNotContain(regular.id());

    // Bought once: due by the interval other customers re-buy it at, learned in training.
    java.time.Instant onceDue = t0.plus(java.time.Duration.ofDays(once.cycleDays()));
    List<Map<String, Object>> byOthers =
        items(
            api.get(
                "/api/recommendations/customers/" + customer + "/buy-again?at=" + onceDue,
                RECOMMEND));
    assertThat(byOthers).extracting(i -> i.get("itemId")).contains(once.id());

    Reply bad =
        api.get("/api/recommendations/customers/" + customer + "/buy-again?at=tomorrow", RECOMMEND);
    assertProblem(bad, 422);
    assertThat(bad.errorFields()).containsExactly("at");
  }

  private String purchaseAt(String customer, String product, java.time.Instant time, int n) {
    return "{\"eventId\":\""
        + customer
        + "-b"
        + n
        + "\",\"type\":\"purchase\",\"customerId\":\""
        + customer
        + "\",\"productId\":\""
        + product
        + "\",\"quantity\":1,\"unitPrice\":3,\"time\":\""
        + time
        + "\"}";
  }

  @Test
  void badRequestsGetProblems() {
    Reply limit = api.get("/api/recommendations/customers/x?limit=0", RECOMMEND);
    assertProblem(limit, 422);
    assertThat(limit.errorFields()).containsExactly("limit");
    Reply rules =
        api.get(
            "/api/recommendations/customers/x?limit=abc&minPrice=-1&boost=colour:red:2&inStockOnly=maybe&backfill=random",
            RECOMMEND);
    assertProblem(rules, 422);
    assertThat(rules.errorFields())
        .containsExactlyInAnyOrder("limit", "minPrice", "boost", "inStockOnly", "backfill");
    assertProblem(
        api.get("/api/recommendations/items/nothing-" + run + "/similar", RECOMMEND), 404);
    Reply empty = api.post("/api/recommendations/basket", "{\"items\":[]}", RECOMMEND);
    assertProblem(empty, 422);
    assertThat(empty.errorFields()).containsExactly("items");
    assertProblem(api.get("/api/recommendations/customers/x", INGEST), 403);
  }

  @Test
  void swappingModelsWhileQueriesRunFailsNoQuery() throws Exception {
    SyntheticProduct anchor = productIn(planted.complementaryPairs().get(0).from());
    String basket = "{\"items\":[\"" + anchor.id() + "\"]}";
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<List<Integer>>> clients = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      clients.add(
          pool.submit(
              () -> {
                List<Integer> statuses = new ArrayList<>();
                TestApi own = new TestApi(client, json);
                while (!stop.get()) {
                  statuses.add(
                      own.post("/api/recommendations/basket?limit=5", basket, RECOMMEND).status());
                }
                return statuses;
              }));
    }
    TestApi admin = new TestApi(client, json);
    long first = trainAndWait(admin);
    long second = trainAndWait(admin);
    stop.set(true);
    List<Integer> statuses = new ArrayList<>();
    for (Future<List<Integer>> f : clients) {
      statuses.addAll(f.get());
    }
    pool.shutdown();
    assertThat(second).isGreaterThan(first);
    assertThat(statuses).isNotEmpty();
    assertThat(statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())))
        .containsOnlyKeys(200);
    Reply models = admin.get("/api/models", ADMIN);
    assertThat(((Number) models.json().get("served")).longValue()).isEqualTo(second);
  }

  private String event(String type, String customer, String product, int n) {
    return "{\"eventId\":\""
        + customer
        + "-"
        + type
        + "-"
        + n
        + "\",\"type\":\""
        + type
        + "\",\"customerId\":\""
        + customer
        + "\",\"productId\":\""
        + product
        + "\""
        + (type.equals("purchase") ? ",\"quantity\":1,\"unitPrice\":5" : "")
        + "}";
  }

  private static List<Object> ids(List<Map<String, Object>> items) {
    return items.stream().map(i -> i.get("itemId")).toList();
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
