package io.affinity.service.api.segments;

import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.segments.LikelyBuyers;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Predicted affinity on a synthetic shop with planted complementary categories: for a product in
 * the complement of a pair, the customers scored highest are those who bought in the pair's first
 * category, far above their share of the base, and none of them bought the product already.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LikelyBuyersApiTest extends ApiTestBase {
  private static final int TOP = 40;

  @Inject SyntheticShopLoader loader;
  @Inject ModelTrainer trainer;
  @Inject LikelyBuyers likelyBuyers;
  @Inject TestSql sql;

  private PlantedStructure planted;
  private String prefix;

  @BeforeAll
  void loadShopAndTrain() {
    prefix = "lb" + UUID.randomUUID().toString().substring(0, 6) + "-";
    ShopSpec spec = ShopSpec.of(800, 120, 60_000, 11).withIdPrefix(prefix);
    loader.load(spec, ProgressListener.NONE);
    planted = SyntheticShop.generate(spec).planted();
    trainer.train(ProgressListener.NONE);
  }

  private Set<Long> buyersIn(String categoryPath) {
    Set<Long> ids = new HashSet<>();
    sql.rows(
            "SELECT DISTINCT e.customer_id AS id FROM events e JOIN products p ON p.id ="
                + " e.product_id WHERE e.type = 'purchase' AND p.category_path = ?"
                + " AND p.external_id LIKE ?",
            categoryPath,
            prefix + "%")
        .forEach(r -> ids.add(((Number) r.get("id")).longValue()));
    return ids;
  }

  private Set<Long> buyersOf(String productId) {
    Set<Long> ids = new HashSet<>();
    sql.rows(
            "SELECT DISTINCT e.customer_id AS id FROM events e JOIN products p ON p.id ="
                + " e.product_id WHERE e.type = 'purchase' AND p.external_id = ?",
            productId)
        .forEach(r -> ids.add(((Number) r.get("id")).longValue()));
    return ids;
  }

  @Test
  void thePlantedBuyersComeOutOnTop() {
    long shopCustomers =
        sql.count("SELECT COUNT(*) FROM customers WHERE external_id LIKE ?", prefix + "%");
    int pairsChecked = 0;
    double liftSum = 0;
    for (CategoryPair pair : planted.complementaryPairs()) {
      SyntheticProduct target =
          planted.products().stream()
              .filter(p -> p.categoryPath().equals(pair.to()))
              .findFirst()
              .orElseThrow();
      long productId = sql.count("SELECT id FROM products WHERE external_id = ?", target.id());
      List<Long> top = List.copyOf(likelyBuyers.forProduct(target.id(), productId, TOP));
      Set<Long> already = buyersOf(target.id());
      Set<Long> planted = buyersIn(pair.from());

      assertThat(top).hasSize(TOP).doesNotHaveDuplicates();
      assertThat(top).noneMatch(already::contains);
      double share = top.stream().filter(planted::contains).count() / (double) TOP;
      double base = planted.size() / (double) shopCustomers;
      // 1.5 times the base rate, not 2: the lowest lift observed on seed 11 is 2.0 itself, and the
      // model is trained on everything in the test database (other tests' shops too on MariaDB),
      // so one pair may come out a little lower. The mean lift below is the stronger check.
      assertThat(share)
          .as("share of the top %d who bought in %s (base %.2f)", TOP, pair.from(), base)
          .isGreaterThanOrEqualTo(Math.min(0.9, 1.5 * base));
      liftSum += share / base;
      pairsChecked++;
    }
    assertThat(pairsChecked).isPositive();
    // Observed on seed 11: lifts from 2.0 to 4.4, mean 3.1.
    assertThat(liftSum / pairsChecked).as("mean lift over the base rate").isGreaterThan(2.5);
  }

  @Test
  void aLikelyBuyersRuleSelectsTheTopCustomersOverHttp() {
    SyntheticProduct target = planted.products().get(0);
    Reply preview =
        api.post(
            "/api/segments/preview",
            "{\"rules\": {\"all\": [{\"likelyBuyers\": {\"product\": \""
                + target.id()
                + "\", \"top\": 25}}, {\"not\": {\"bought\": {\"product\": \""
                + target.id()
                + "\"}}}]}}",
            MARKETING);
    assertThat(preview.status()).as("%s", preview.body()).isEqualTo(200);
    assertThat(preview.json()).containsEntry("count", 25);
  }
}
