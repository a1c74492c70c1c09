package io.affinity.service.api.recommendations;

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
import io.affinity.core.testing.TestSql;
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

/**
 * Between two trainings the answers follow the shop: prices, stock and new products take effect on
 * the next request, unknown visitors and baskets with unknown items get answers, and reading offers
 * records nothing. Trained once; nothing here trains again.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveCatalogueApiTest extends ApiTestBase {
  @Inject SyntheticShopLoader loader;
  @Inject ModelTrainer trainer;
  @Inject TestSql sql;

  private PlantedStructure planted;
  private String prefix;

  @BeforeAll
  void loadShopAndTrain() {
    prefix = "lc" + UUID.randomUUID().toString().substring(0, 6) + "-";
    ShopSpec spec = ShopSpec.of(600, 120, 40_000, 11).withIdPrefix(prefix);
    loader.load(spec, ProgressListener.NONE);
    planted = SyntheticShop.generate(spec).planted();
    trainer.train(ProgressListener.NONE);
  }

  private static List<Map<String, Object>> items(Reply reply) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    return (List<Map<String, Object>>) reply.json().get("items");
  }

  private static String kind(Map<String, Object> item) {
    return (String) ((Map<String, Object>) item.get("reason")).get("kind");
  }

  private SyntheticProduct anchor(int pair) {
    CategoryPair p = planted.complementaryPairs().get(pair);
    return planted.products().stream()
        .filter(x -> x.categoryPath().equals(p.from()))
        .findFirst()
        .orElseThrow();
  }

  private List<Map<String, Object>> basket(String item, String query) {
    return items(
        api.post(
            "/api/recommendations/basket?limit=5" + query,
            "{\"items\":[\"" + item + "\"]}",
            RECOMMEND));
  }

  private Map<String, Object> find(List<Map<String, Object>> items, Object id) {
    return items.stream().filter(i -> id.equals(i.get("itemId"))).findFirst().orElse(null);
  }

  @Test
  void aPriceAndStockChangeAppliesToTheNextRecommendationWithoutTraining() {
    SyntheticProduct anchor = anchor(0);
    List<Map<String, Object>> before = basket(anchor.id(), "");
    Object top = before.get(0).get("itemId");
    double oldPrice = ((Number) before.get(0).get("price")).doubleValue();

    Reply put = api.put("/api/products/" + top, "{\"price\":" + (oldPrice + 1000) + "}", INGEST);
    assertThat(put.status()).isEqualTo(200);
    Map<String, Object> repriced = find(basket(anchor.id(), ""), top);
    assertThat(repriced).isNotNull();
    assertThat(((Number) repriced.get("price")).doubleValue()).isEqualTo(oldPrice + 1000);
    // Price filters read the new price too.
    assertThat(find(basket(anchor.id(), "&maxPrice=" + (oldPrice + 1)), top)).isNull();
    assertThat(find(basket(anchor.id(), "&minPrice=" + (oldPrice + 999)), top)).isNotNull();

    api.put("/api/products/" + top, "{\"inStock\":false}", INGEST);
    List<Map<String, Object>> after = basket(anchor.id(), "");
    assertThat(find(after, top)).isNull();
    assertThat(after).hasSize(5);
    Map<String, Object> shown = find(basket(anchor.id(), "&inStockOnly=false"), top);
    assertThat(shown).isNotNull().containsEntry("inStock", false);

    api.put("/api/products/" + top, "{\"inStock\":true,\"price\":" + oldPrice + "}", INGEST);
    assertThat(find(basket(anchor.id(), ""), top)).containsEntry("inStock", true);
  }

  @Test
  void aListKeepsItsBestItemsWhenMoreGoOutOfStockThanTheFirstReadCovers() {
    // The first live read takes the limit plus a margin of candidates; when more than the margin
    // went out of stock since training, the rest is read and the list is the same as if training
    // had seen the stock.
    SyntheticProduct anchor = anchor(1);
    List<Object> together =
        items(
                api.post(
                    "/api/recommendations/basket?limit=30",
                    "{\"items\":[\"" + anchor.id() + "\"]}",
                    RECOMMEND))
            .stream()
            .filter(i -> !List.of("popular", "trending", "content", "new").contains(kind(i)))
            .map(i -> i.get("itemId"))
            .toList();
    assertThat(together).hasSizeGreaterThanOrEqualTo(13);
    List<Object> gone = together.subList(0, 8);
    try {
      gone.forEach(id -> api.put("/api/products/" + id, "{\"inStock\":false}", INGEST));
      List<Object> after = basket(anchor.id(), "").stream().map(i -> i.get("itemId")).toList();
      assertThat(after).isEqualTo(together.subList(8, 13));
    } finally {
      gone.forEach(id -> api.put("/api/products/" + id, "{\"inStock\":true}", INGEST));
    }
  }

  @Test
  void aDiscontinuedProductLeavesEveryListAtOnceAndComesBackWhenSoldAgain() {
    SyntheticProduct anchor = anchor(2);
    List<Map<String, Object>> before = basket(anchor.id(), "&inStockOnly=false");
    Object top = before.get(0).get("itemId");
    List<Map<String, Object>> cross =
        (List<Map<String, Object>>)
            api.get("/api/offers/items/" + anchor.id() + "?limit=5", RECOMMEND)
                .json()
                .get("crossSell");
    Object offered = cross.get(0).get("itemId");

    assertThat(api.put("/api/products/" + top, "{\"discontinued\":true}", INGEST).json())
        .containsEntry("discontinued", true);
    api.put("/api/products/" + offered, "{\"discontinued\":true}", INGEST);

    List<Map<String, Object>> after = basket(anchor.id(), "&inStockOnly=false");
    assertThat(find(after, top)).isNull();
    assertThat(after).hasSize(5);
    assertThat(
            find(
                items(
                    api.get(
                        "/api/recommendations/items/" + anchor.id() + "/similar?limit=20",
                        RECOMMEND)),
                top))
        .isNull();
    Reply offers = api.get("/api/offers/items/" + anchor.id() + "?limit=5", RECOMMEND);
    assertThat(find((List<Map<String, Object>>) offers.json().get("crossSell"), offered)).isNull();
    assertThat(find(items(api.get("/api/recommendations/popular?limit=50", RECOMMEND)), top))
        .isNull();

    api.put("/api/products/" + top, "{\"discontinued\":false}", INGEST);
    api.put("/api/products/" + offered, "{\"discontinued\":false}", INGEST);
    assertThat(find(basket(anchor.id(), "&inStockOnly=false"), top)).isNotNull();
  }

  @Test
  void aPriceAndStockChangeAppliesToTheNextOfferWithoutTraining() {
    SyntheticProduct anchor = anchor(1);
    List<Map<String, Object>> cross =
        (List<Map<String, Object>>)
            api.get("/api/offers/items/" + anchor.id() + "?limit=3", RECOMMEND)
                .json()
                .get("crossSell");
    assertThat(cross).isNotEmpty();
    Object offered = cross.get(0).get("itemId");
    double oldPrice = ((Number) cross.get(0).get("price")).doubleValue();

    api.put("/api/products/" + offered, "{\"price\":" + (oldPrice + 500) + "}", INGEST);
    Reply again = api.get("/api/offers/items/" + anchor.id() + "?limit=3", RECOMMEND);
    Map<String, Object> repriced =
        find((List<Map<String, Object>>) again.json().get("crossSell"), offered);
    assertThat(repriced).isNotNull();
    assertThat(((Number) repriced.get("price")).doubleValue()).isEqualTo(oldPrice + 500);

    api.put("/api/products/" + offered, "{\"inStock\":false}", INGEST);
    Reply gone = api.get("/api/offers/items/" + anchor.id() + "?limit=3", RECOMMEND);
    assertThat(find((List<Map<String, Object>>) gone.json().get("crossSell"), offered)).isNull();
    api.put("/api/products/" + offered, "{\"inStock\":true,\"price\":" + oldPrice + "}", INGEST);
  }

  @Test
  void anEmailShowsThePriceAndStockOfNowWithoutTraining() {
    String customer = prefix + "mail-" + run;
    SyntheticProduct bought = anchor(4);
    Reply event =
        api.post(
            "/api/events",
            "{\"eventId\":\""
                + run
                + "-m\",\"type\":\"purchase\",\"customerId\":\""
                + customer
                + "\",\"productId\":\""
                + bought.id()
                + "\",\"quantity\":1,\"unitPrice\":5}",
            INGEST);
    assertThat(event.status()).as("%s", event.body()).isLessThan(300);
    Reply template =
        api.post(
            "/api/templates",
            api.toJson(
                Map.of(
                    "key", "live-" + run,
                    "name", "live",
                    "subject", "For you",
                    "html", "<#list recommendations as item>[${item.id}=${item.price?c}]</#list>")),
            io.affinity.service.api.TestApi.MARKETING);
    assertThat(template.status()).as("%s", template.body()).isEqualTo(201);
    String preview = "/api/templates/" + template.json().get("id") + "/preview";
    String body = api.toJson(Map.of("customerId", customer));
    String before =
        (String)
            api.post(preview, body, io.affinity.service.api.TestApi.MARKETING).json().get("html");
    String first = before.substring(before.indexOf('[') + 1, before.indexOf('='));

    api.put("/api/products/" + first, "{\"price\":4321.5}", INGEST);
    String repriced =
        (String)
            api.post(preview, body, io.affinity.service.api.TestApi.MARKETING).json().get("html");
    assertThat(repriced).contains("[" + first + "=4321.5]");

    api.put("/api/products/" + first, "{\"inStock\":false}", INGEST);
    String gone =
        (String)
            api.post(preview, body, io.affinity.service.api.TestApi.MARKETING).json().get("html");
    assertThat(gone).doesNotContain("[" + first + "=");
  }

  @Test
  void anUnknownCustomerAndAnAnonymousVisitorGetPopularItems() {
    Reply unknown = api.get("/api/recommendations/customers/nobody-" + run + "?limit=6", RECOMMEND);
    assertThat(items(unknown)).hasSize(6).allMatch(i -> kind(i).equals("popular"));
    assertThat(unknown.json()).containsEntry("personalised", 0);

    String category = planted.complementaryPairs().get(0).to();
    Reply popular =
        api.get(
            "/api/recommendations/popular?limit=4&includeCategory=" + category.replace(" ", "%20"),
            RECOMMEND);
    assertThat(items(popular))
        .hasSize(4)
        .allMatch(i -> kind(i).equals("popular"))
        .allMatch(i -> String.valueOf(i.get("categoryPath")).startsWith(category));

    Reply empty = api.post("/api/recommendations/session?limit=5", "{}", RECOMMEND);
    assertThat(items(empty)).hasSize(5).allMatch(i -> kind(i).equals("popular"));
    assertThat(empty.json()).containsEntry("personalised", 0);
  }

  @Test
  void anAnonymousSessionGetsRecommendationsFromWhatItViewedAndCarted() {
    SyntheticProduct viewed = anchor(0);
    SyntheticProduct carted = anchor(1);
    Reply reply =
        api.post(
            "/api/recommendations/session?limit=5",
            "{\"viewed\":[\"" + viewed.id() + "\"],\"cart\":[\"" + carted.id() + "\"]}",
            RECOMMEND);
    List<Map<String, Object>> items = items(reply);
    assertThat(((Number) reply.json().get("personalised")).intValue()).isPositive();
    assertThat(items).extracting(i -> i.get("itemId")).doesNotContain(carted.id());
  }

  @Test
  void aBasketWithOneUnknownItemUsesTheOthersAndListsIt() {
    SyntheticProduct anchor = anchor(2);
    String ghost = "ghost-" + run;
    Reply reply =
        api.post(
            "/api/recommendations/basket?limit=5",
            "{\"items\":[\"" + anchor.id() + "\",\"" + ghost + "\"]}",
            RECOMMEND);
    assertThat(items(reply)).hasSize(5);
    assertThat(((Number) reply.json().get("personalised")).intValue()).isPositive();
    assertThat((List<String>) reply.json().get("unknownItems")).containsExactly(ghost);

    Reply offers =
        api.post(
            "/api/offers/basket",
            "{\"items\":[\"" + anchor.id() + "\",\"" + ghost + "\"]}",
            RECOMMEND);
    assertThat(offers.status()).as("%s", offers.body()).isEqualTo(200);
    assertThat((List<String>) offers.json().get("unknownItems")).containsExactly(ghost);
  }

  @Test
  void aNewProductAppearsAmongSimilarItemsAndHasSimilarItemsOfItsOwn() {
    SyntheticProduct known = anchor(3);
    String fresh = prefix + "new-" + run;
    Reply put =
        api.put(
            "/api/products/" + fresh,
            "{\"name\":\"Fresh\",\"categoryPath\":\""
                + known.categoryPath()
                + "\",\"brand\":\""
                + known.brand()
                + "\",\"price\":"
                + known.price()
                + ",\"attributes\":{\"tier\":\""
                + known.tier().name().toLowerCase(java.util.Locale.ROOT)
                + "\"}}",
            INGEST);
    assertThat(put.status()).as("%s", put.body()).isEqualTo(200);

    List<Map<String, Object>> similar =
        items(api.get("/api/recommendations/items/" + known.id() + "/similar", RECOMMEND));
    Map<String, Object> found = find(similar, fresh);
    assertThat(found).as("similar items of %s: %s", known.id(), similar).isNotNull();
    assertThat(kind(found)).isEqualTo("new");
    assertThat((String) ((Map<String, Object>) found.get("reason")).get("text"))
        .startsWith("new, similar to");

    List<Map<String, Object>> own =
        items(api.get("/api/recommendations/items/" + fresh + "/similar?limit=5", RECOMMEND));
    assertThat(own).hasSize(5);
    assertThat(own.get(0).get("categoryPath")).isEqualTo(known.categoryPath());
    assertThat(kind(own.get(0))).isIn("content", "new");
  }

  @Test
  void twoReadsOfOffersAnswerTheSameAndRecordNothing() {
    String customer = prefix + "reader-" + run;
    SyntheticProduct bought = anchor(0);
    Reply event =
        api.post(
            "/api/events",
            "{\"eventId\":\""
                + run
                + "-p\",\"type\":\"purchase\",\"customerId\":\""
                + customer
                + "\",\"productId\":\""
                + bought.id()
                + "\",\"quantity\":1,\"unitPrice\":5}",
            INGEST);
    assertThat(event.status()).as("%s", event.body()).isLessThan(300);
    Reply first = api.get("/api/offers/customers/" + customer + "?limit=3", RECOMMEND);
    Reply second = api.get("/api/offers/customers/" + customer + "?limit=3", RECOMMEND);
    assertThat(first.status()).isEqualTo(200);
    assertThat((List<Object>) first.json().get("crossSell")).isNotEmpty();
    assertThat(second.json()).isEqualTo(first.json());
    api.post(
        "/api/offers/basket",
        "{\"items\":[\"" + bought.id() + "\"],\"customerId\":\"" + customer + "\"}",
        RECOMMEND);
    assertThat(sql.count("SELECT COUNT(*) FROM offer_exposures WHERE customer_id = ?", customer))
        .isZero();

    Object offered =
        ((List<Map<String, Object>>) first.json().get("crossSell")).get(0).get("itemId");
    String report =
        "{\"customerId\":\""
            + customer
            + "\",\"items\":[\""
            + offered
            + "\"],\"type\":\"cross_sell\"}";
    Reply once = api.post("/api/offers/impressions", report, RECOMMEND);
    Reply twice = api.post("/api/offers/impressions", report, RECOMMEND);
    assertThat(once.json()).containsEntry("recorded", 1).containsEntry("duplicates", 0);
    assertThat(twice.json()).containsEntry("recorded", 0).containsEntry("duplicates", 1);
    String withId = report.replace("}", ",\"impressionId\":\"pv-1\"}");
    api.post("/api/offers/impressions", withId, RECOMMEND);
    api.post("/api/offers/impressions", withId, RECOMMEND);
    assertThat(sql.count("SELECT COUNT(*) FROM offer_exposures WHERE customer_id = ?", customer))
        .isEqualTo(2);
  }

  @Test
  void impressionsNamingNothingAreRefused() {
    Reply reply =
        api.post(
            "/api/offers/impressions",
            "{\"customerId\":\"nobody-" + run + "\",\"items\":[\"ghost\"],\"type\":\"sideways\"}",
            RECOMMEND);
    assertProblem(reply, 422);
    assertThat(reply.errorFields()).contains("type");
    Reply unknownField =
        api.post("/api/offers/impressions", "{\"customerId\":\"x\",\"itemz\":[]}", RECOMMEND);
    assertProblem(unknownField, 422);
  }
}
