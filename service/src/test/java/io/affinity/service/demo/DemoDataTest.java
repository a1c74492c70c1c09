package io.affinity.service.demo;

import static io.affinity.service.api.TestApi.RECOMMEND;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.segments.CompiledRule;
import io.affinity.campaigns.segments.RuleParser;
import io.affinity.campaigns.segments.SegmentAudience;
import io.affinity.campaigns.triggers.Trigger;
import io.affinity.campaigns.triggers.TriggerEvaluator;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.core.value.CustomerValueService;
import io.affinity.recommender.model.ModelTrainer;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo's data set lives today: the demo's generator (at a small size, with a shorter history so
 * that the last day holds enough purchases) moved by {@link DemoData} ends yesterday, and then a
 * repeat buyer gets "buy again", the segment "bought in the last 90 days" is not empty, and the
 * demo's household trigger fires on the last purchases. Without the shift the data would end on
 * 2024-12-31, and all three would be empty.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDataTest extends ApiTestBase implements TestPropertyProvider {
  @Inject DemoData demo;
  @Inject SyntheticShopLoader shops;
  @Inject CustomerValueService values;
  @Inject ModelTrainer trainer;
  @Inject TriggerEvaluator evaluator;
  @Inject SegmentAudience segments;
  @Inject Transactions tx;
  @Inject Clock clock;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new HashMap<>();
    DemoData.properties().forEach((k, v) -> p.put(k, v.toString()));
    return p;
  }

  @Test
  void aFreshDemoShopShowsBuyAgainARecentSegmentAndAFiringTrigger() {
    String prefix = "dm" + UUID.randomUUID().toString().substring(0, 6) + "-";
    ShopSpec plain =
        ShopSpec.of(400, 60, 20_000, 7).withHistory(120, ShopSpec.DEFAULT_END).withIdPrefix(prefix);
    ShopSpec spec = demo.shifted(plain);
    LocalDate yesterday = LocalDate.now(clock).minusDays(1);
    assertThat(LocalDate.ofInstant(spec.end().minusMillis(1), ZoneOffset.UTC)).isEqualTo(yesterday);
    assertThat(demo.shiftOf(plain).toDays())
        .isEqualTo(
            java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(2024, 12, 31), yesterday));

    evaluator.evaluateNow(); // what other tests left behind is not this test's
    Trigger trigger = demo.createTrigger(spec).orElseThrow();
    shops.load(spec, ProgressListener.NONE);
    values.recomputeAll(ProgressListener.NONE);
    trainer.train(ProgressListener.NONE);

    // A firing household trigger: yesterday's purchases in its department.
    evaluator.evaluateNow();
    List<Object> outcomes =
        column("SELECT outcome FROM trigger_firings WHERE trigger_id = ?", trigger.id());
    assertThat(outcomes).as("outcomes of the demo trigger").contains("fired");

    // "Bought in the last 90 days", counted on the service clock.
    CompiledRule recent =
        segments.compileFresh(
            RuleParser.parse(Map.of("field", "recency_days", "op", "<=", "value", 90), "rules"));
    List<Object> params = new ArrayList<>(recent.params());
    params.add(prefix + "%");
    long inSegment =
        ((Number)
                column(
                        "SELECT COUNT(*)"
                            + CompiledRule.FROM
                            + " WHERE "
                            + recent.where()
                            + " AND c.external_id LIKE ?",
                        params.toArray())
                    .get(0))
            .longValue();
    assertThat(inSegment).isGreaterThan(0);

    // Buy again for a repeat buyer (an item bought on two or more days).
    List<Object> repeaters =
        column(
            "SELECT DISTINCT c.external_id FROM events e JOIN customers c ON c.id = e.customer_id"
                + " WHERE e.type = 'purchase' AND c.external_id LIKE ?"
                + " GROUP BY c.external_id, e.product_id"
                + " HAVING COUNT(DISTINCT FLOOR(e.occurred_at / 86400000)) >= 2",
            prefix + "%");
    assertThat(repeaters).isNotEmpty();
    int withBuyAgain = 0;
    for (Object customer : repeaters.subList(0, Math.min(60, repeaters.size()))) {
      Reply r = api.get("/api/recommendations/customers/" + customer + "/buy-again", RECOMMEND);
      assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
      if (!((List<?>) r.json().get("items")).isEmpty()) {
        withBuyAgain++;
      }
    }
    assertThat(withBuyAgain).as("repeat buyers with something to buy again").isGreaterThan(0);
  }

  private List<Object> column(String sql, Object... params) {
    return tx.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
              ps.setObject(i + 1, params[i]);
            }
            List<Object> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getObject(1));
              }
            }
            return out;
          }
        });
  }
}
