package io.affinity.service.api.offers;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.RECOMMEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.CategoryPair;
import io.affinity.core.synthetic.PlantedStructure;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticProduct;
import io.affinity.core.synthetic.SyntheticShop;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.core.synthetic.Tier;
import io.affinity.recommender.model.ModelHolder;
import io.affinity.recommender.model.ModelTrainer;
import io.affinity.recommender.offers.OfferExposures;
import io.affinity.recommender.serving.History;
import io.affinity.recommender.serving.Recommendation;
import io.affinity.recommender.serving.Recommender;
import io.affinity.recommender.serving.Rules;
import io.affinity.recommender.training.Signal;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Cross-sell and upsell over HTTP on a synthetic shop with planted pairs and price tiers. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "affinity.offers.upsell-discount-percent", value = "5")
class OfferApiTest extends ApiTestBase {
  @Inject SyntheticShopLoader loader;
  @Inject ModelTrainer trainer;
  @Inject OfferExposures exposures;
  @Inject ModelHolder models;

  private PlantedStructure planted;

  @BeforeAll
  void loadShopAndTrain() {
    String prefix = "of" + UUID.randomUUID().toString().substring(0, 6) + "-";
    ShopSpec spec = ShopSpec.of(800, 120, 60_000, 5).withIdPrefix(prefix);
    loader.load(spec, ProgressListener.NONE);
    planted = SyntheticShop.generate(spec).planted();
    trainer.train(ProgressListener.NONE);
  }

  private List<Map<String, Object>> offers(Reply reply, String kind) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    return (List<Map<String, Object>>) reply.json().get(kind);
  }

  private static double number(Map<String, Object> offer, String field) {
    return ((Number) offer.get(field)).doubleValue();
  }

  @Test
  void crossSellOffersThePlantedComplementAndNeverTheAnchorsCategory() {
    int inTopThree = 0;
    for (CategoryPair pair : planted.complementaryPairs()) {
      SyntheticProduct anchor =
          planted.products().stream()
              .filter(p -> p.categoryPath().equals(pair.from()))
              .findFirst()
              .orElseThrow();
      List<Map<String, Object>> cross =
          offers(api.get("/api/offers/items/" + anchor.id() + "?limit=5", RECOMMEND), "crossSell");
      assertThat(cross).isNotEmpty().noneMatch(o -> pair.from().equals(o.get("categoryPath")));
      assertThat(cross).allMatch(o -> o.get("type").equals("cross_sell") && Boolean.TRUE);
      if (cross.stream().limit(3).anyMatch(o -> pair.to().equals(o.get("categoryPath")))) {
        inTopThree++;
      }
    }
    assertThat(inTopThree)
        .isGreaterThanOrEqualTo((int) Math.ceil(planted.complementaryPairs().size() * 0.7));
  }

  @Test
  void upsellOffersAPricierItemOfTheSameCategoryWithinTheRatio() {
    int premiumFound = 0;
    int lines = 0;
    for (SyntheticProduct standard : planted.products()) {
      if (standard.tier() != Tier.STANDARD || lines >= 12) {
        continue;
      }
      Optional<SyntheticProduct> premium = planted.inLine(standard.line(), Tier.PREMIUM);
      if (premium.isEmpty() || !premium.get().inStock()) {
        continue;
      }
      lines++;
      double price = standard.price().doubleValue();
      List<Map<String, Object>> up =
          offers(
              api.get(
                  "/api/offers/items/" + standard.id() + "?limit=5&minRatio=1.1&maxRatio=2",
                  RECOMMEND),
              "upsell");
      for (Map<String, Object> o : up) {
        assertThat(o.get("categoryPath")).isEqualTo(standard.categoryPath());
        assertThat(number(o, "price")).isBetween(price * 1.1, price * 2.0);
        assertThat(number(o, "discountPercent")).isEqualTo(5.0);
        assertThat(((Map<String, Object>) o.get("reason")).get("text").toString())
            .contains(standard.name());
      }
      if (up.stream().anyMatch(o -> premium.get().id().equals(o.get("itemId")))) {
        premiumFound++;
      }
    }
    assertThat(lines).isPositive();
    assertThat(premiumFound)
        .as("lines whose premium is offered as upsell of the standard")
        .isGreaterThanOrEqualTo((int) Math.ceil(lines * 0.7));
  }

  @Test
  void offersAreRankedByExpectedValue() {
    SyntheticProduct anchor = planted.products().get(0);
    Reply reply = api.get("/api/offers/items/" + anchor.id() + "?limit=10", RECOMMEND);
    for (String kind : List.of("crossSell", "upsell")) {
      List<Map<String, Object>> list = offers(reply, kind);
      assertThat(list)
          .isSortedAccordingTo(
              Comparator.comparingDouble((Map<String, Object> o) -> number(o, "expectedValue"))
                  .reversed());
      for (Map<String, Object> o : list) {
        double value = o.get("margin") != null ? number(o, "margin") : number(o, "price");
        assertThat(number(o, "expectedValue"))
            .isCloseTo(number(o, "score") * value, org.assertj.core.data.Offset.offset(1e-6));
      }
    }
  }

  @Test
  void exposureCapsHoldAcrossReportedImpressions() {
    String customer = "cap-" + run;
    SyntheticProduct anchor =
        planted.products().stream()
            .filter(
                p ->
                    p.tier() == Tier.STANDARD && planted.inLine(p.line(), Tier.PREMIUM).isPresent())
            .findFirst()
            .orElseThrow();
    api.post(
        "/api/events",
        "{\"eventId\":\""
            + run
            + "-v\",\"type\":\"view\",\"customerId\":\""
            + customer
            + "\",\"productId\":\""
            + anchor.id()
            + "\"}",
        INGEST);
    List<Object> first =
        offers(api.get("/api/offers/customers/" + customer + "?limit=3", RECOMMEND), "upsell")
            .stream()
            .map(o -> o.get("itemId"))
            .toList();
    assertThat(first).isNotEmpty();
    for (int view = 0; view < 3; view++) {
      Reply reported =
          api.post(
              "/api/offers/impressions",
              "{\"customerId\":\""
                  + customer
                  + "\",\"type\":\"upsell\",\"impressionId\":\"page-"
                  + view
                  + "\",\"items\":"
                  + api.toJson(first)
                  + "}",
              RECOMMEND);
      assertThat(reported.status()).as("%s", reported.body()).isEqualTo(200);
      assertThat(reported.json()).containsEntry("recorded", first.size());
    }
    List<Object> fourth =
        offers(api.get("/api/offers/customers/" + customer + "?limit=3", RECOMMEND), "upsell")
            .stream()
            .map(o -> o.get("itemId"))
            .toList();
    assertThat(fourth).doesNotContainAnyElementsOf(first);
  }

  @Test
  void offersShownManyTimesAndNeverClickedAreDemotedForThatCustomer() {
    String customer = "ignore-" + run;
    SyntheticProduct anchor =
        planted.products().stream()
            .filter(
                p ->
                    p.tier() == Tier.STANDARD && planted.inLine(p.line(), Tier.PREMIUM).isPresent())
            .skip(1)
            .findFirst()
            .orElseThrow();
    api.post("/api/events", event(customer, "view", anchor.id(), "v"), INGEST);
    Map<String, Double> before = expectedValues(customer);
    List<String> top = List.copyOf(before.keySet()).subList(0, 2);
    String ignored = top.get(0);
    String clicked = top.get(1);
    // Shown five times twelve days ago: past the exposure cap's week, inside demotion's 60 days.
    long twelveDaysAgo = System.currentTimeMillis() - 12 * 86_400_000L;
    for (int i = 0; i < 5; i++) {
      exposures.record(customer, List.of(ignored, clicked), twelveDaysAgo + i);
    }
    api.post("/api/events", event(customer, "click", clicked, "c"), INGEST);

    Map<String, Double> after = expectedValues(customer);

    assertThat(after.get(ignored)).isCloseTo(before.get(ignored) * 0.25, within(1e-6));
    assertThat(after.get(clicked)).isCloseTo(before.get(clicked), within(1e-6));
  }

  /** Expected value by item of every offer for {@code customer}, best first. */
  private Map<String, Double> expectedValues(String customer) {
    Reply r = api.get("/api/offers/customers/" + customer + "?limit=10", RECOMMEND);
    Map<String, Double> values = new LinkedHashMap<>();
    for (String kind : List.of("upsell", "crossSell")) {
      offers(r, kind)
          .forEach(o -> values.put((String) o.get("itemId"), number(o, "expectedValue")));
    }
    return values;
  }

  private Long campaign;

  /** A campaign for the click events to name (an event may only name one that exists). */
  private long campaign() {
    if (campaign == null) {
      campaign = api.externalCampaign("offer clicks " + UUID.randomUUID());
    }
    return campaign;
  }

  private String event(String customer, String type, String product, String suffix) {
    return "{\"eventId\":\""
        + customer
        + "-"
        + suffix
        + "\",\"type\":\""
        + type
        + "\",\"customerId\":\""
        + customer
        + "\",\"productId\":\""
        + product
        + "\",\"campaignId\":"
        + campaign()
        + "}";
  }

  @Test
  void badInputGetsProblems() {
    assertProblem(api.get("/api/offers/items/nothing-" + run, RECOMMEND), 404);
    assertProblem(api.get("/api/offers/customers/nobody-" + run, RECOMMEND), 404);
    Reply empty = api.post("/api/offers/basket", "{\"items\":[]}", RECOMMEND);
    assertProblem(empty, 422);
    assertThat(empty.errorFields()).containsExactly("items");
    String item = planted.products().get(0).id();
    Reply low = api.get("/api/offers/items/" + item + "?minRatio=0.5", RECOMMEND);
    assertProblem(low, 422);
    assertThat(low.errorFields()).containsExactly("minRatio");
    Reply inverted = api.get("/api/offers/items/" + item + "?minRatio=1.5&maxRatio=1.2", RECOMMEND);
    assertProblem(inverted, 422);
    assertThat(inverted.errorFields()).containsExactly("maxRatio");
    assertProblem(api.get("/api/offers/items/" + item + "?maxRatio=abc", RECOMMEND), 422);
    assertProblem(
        api.post("/api/offers/basket", "{\"items\":[\"ghost-" + run + "\"]}", RECOMMEND), 404);
  }

  @Test
  void aBasketGetsCrossSellOutsideItsCategories() {
    CategoryPair pair = planted.complementaryPairs().get(0);
    SyntheticProduct anchor =
        planted.products().stream()
            .filter(p -> p.categoryPath().equals(pair.from()))
            .findFirst()
            .orElseThrow();
    Reply reply =
        api.post("/api/offers/basket?limit=5", "{\"items\":[\"" + anchor.id() + "\"]}", RECOMMEND);
    assertThat(offers(reply, "crossSell"))
        .isNotEmpty()
        .noneMatch(o -> o.get("itemId").equals(anchor.id()));
  }

  @Test
  void offersTakeTheSameRulesAsRecommendations() {
    CategoryPair pair = planted.complementaryPairs().get(1);
    SyntheticProduct anchor =
        planted.products().stream()
            .filter(p -> p.categoryPath().equals(pair.from()))
            .findFirst()
            .orElseThrow();
    String path = "/api/offers/items/" + anchor.id() + "?limit=10";
    List<Map<String, Object>> without =
        offers(
            api.get(
                path
                    + "&excludeCategory="
                    + java.net.URLEncoder.encode(
                        pair.to(), java.nio.charset.StandardCharsets.UTF_8),
                RECOMMEND),
            "crossSell");
    assertThat(without).isNotEmpty().noneMatch(o -> pair.to().equals(o.get("categoryPath")));
    List<Map<String, Object>> cheap =
        offers(api.get(path + "&maxPrice=30", RECOMMEND), "crossSell");
    assertThat(cheap).allMatch(o -> number(o, "price") <= 30);
    Reply bad = api.get(path + "&boost=colour:red:2&limit=500", RECOMMEND);
    assertProblem(bad, 422);
    assertThat(bad.errorFields()).containsExactlyInAnyOrder("boost", "limit");
  }

  /**
   * The evidence floor over HTTP: without it (the same model, floor 0) some product's similar items
   * include a correlation under a tenth of the list's best; with the service's default none do, the
   * tail is popularity (labelled so), and cross-sell never offers such an item.
   */
  @Test
  void weakCorrelationsAreNeitherSimilarItemsNorGoesWith() {
    double floor = Recommender.Tuning.DEFAULT_EVIDENCE_FLOOR;
    Recommender unfloored =
        new Recommender(models, Recommender.Tuning.defaults().withEvidenceFloor(0));
    int weakWithoutFloor = 0;
    for (SyntheticProduct p : planted.products().subList(0, 40)) {
      List<Recommendation> raw =
          unfloored
              .recommend(
                  new History().add(Signal.PURCHASE, p.id()).add(Signal.VIEW, p.id()),
                  EnumSet.of(Signal.PURCHASE, Signal.VIEW),
                  Rules.defaults(),
                  Set.of(p.id()),
                  30)
              .items();
      double rawBest = raw.isEmpty() ? 0 : raw.get(0).score();
      if (raw.stream()
          .anyMatch(r -> correlated(r.reason().kind()) && r.score() < floor * rawBest)) {
        weakWithoutFloor++;
      }
      Reply similar =
          api.get("/api/recommendations/items/" + p.id() + "/similar?limit=30", RECOMMEND);
      assertThat(similar.status()).isEqualTo(200);
      List<Map<String, Object>> items = (List<Map<String, Object>>) similar.json().get("items");
      int personalised = ((Number) similar.json().get("personalised")).intValue();
      double best = items.isEmpty() ? 0 : number(items.get(0), "score");
      for (int i = 0; i < items.size(); i++) {
        Map<String, Object> reason = (Map<String, Object>) items.get(i).get("reason");
        if (i < personalised) {
          assertThat(number(items.get(i), "score")).isGreaterThanOrEqualTo(floor * best);
        } else {
          assertThat(reason.get("kind")).isIn("popular", "trending");
          assertThat(reason.get("text").toString()).doesNotContain("together");
        }
      }
      List<Map<String, Object>> cross =
          offers(api.get("/api/offers/items/" + p.id() + "?limit=20", RECOMMEND), "crossSell");
      double bestOffer = cross.stream().mapToDouble(o -> number(o, "score")).max().orElse(0);
      assertThat(cross).allMatch(o -> number(o, "score") >= floor * bestOffer);
    }
    assertThat(weakWithoutFloor).as("products with a weak tail without the floor").isPositive();
  }

  private static boolean correlated(String kind) {
    return kind.equals("purchase") || kind.equals("view");
  }
}
