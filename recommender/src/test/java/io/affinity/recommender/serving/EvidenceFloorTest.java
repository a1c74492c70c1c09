package io.affinity.recommender.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.progress.ProgressListener;
import io.affinity.recommender.index.CatalogueItem;
import io.affinity.recommender.index.IndexBuilder;
import io.affinity.recommender.model.IndicatorsFile;
import io.affinity.recommender.model.ModelHolder;
import io.affinity.recommender.model.ModelInfo;
import io.affinity.recommender.model.ServingModel;
import io.affinity.recommender.offers.Offer;
import io.affinity.recommender.offers.OfferConfiguration;
import io.affinity.recommender.offers.OfferEngine;
import io.affinity.recommender.offers.OfferService;
import io.affinity.recommender.training.CooccurrenceTrainer;
import io.affinity.recommender.training.Indicators;
import io.affinity.recommender.training.InteractionData;
import io.affinity.recommender.training.Signal;
import io.affinity.recommender.training.TrainingConfig;
import io.affinity.recommender.training.TrainingSet;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence floor on a real index: "anchor" is bought with "strong" by 40 customers, and with
 * "weak" by 4 of the 20 customers who bought "weak" (twice what chance gives, a weak correlation);
 * "pop1".."pop4" are best sellers bought alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceFloorTest {
  private static final String[] ITEMS = {
    "anchor", "strong", "weak", "pop1", "pop2", "pop3", "pop4"
  };
  private static final String[] CATEGORIES = {
    "Home", "Garden", "Baby", "Toys", "Toys", "Toys", "Toys"
  };
  private static final Set<Signal> PURCHASE = EnumSet.of(Signal.PURCHASE);

  @TempDir static Path dir;
  private ModelHolder holder;

  @BeforeAll
  void trainAndIndex() throws Exception {
    int users = 400;
    InteractionData.Builder b = new InteractionData.Builder().size(users, ITEMS.length);
    for (int u = 0; u < users; u++) {
      if (u < 40) {
        b.add(u, 0, Signal.PURCHASE).add(u, 1, Signal.PURCHASE);
      }
      if (u >= 36 && u < 56) {
        b.add(u, 2, Signal.PURCHASE); // 36..39 also bought the anchor: twice what chance gives
      }
      b.add(u, 3 + u % 4, Signal.PURCHASE);
    }
    InteractionData data = b.build(500, 1L);
    Indicators indicators =
        new CooccurrenceTrainer(TrainingConfig.defaults()).train(data, ProgressListener.NONE);
    int[] popularity = new int[ITEMS.length];
    popularity[3] = popularity[4] = popularity[5] = popularity[6] = 100;
    TrainingSet set =
        new TrainingSet(
            data, ITEMS, popularity, new int[ITEMS.length], new float[ITEMS.length], 0, 1, 1000);
    Path file = dir.resolve("indicators.jsonl.gz");
    IndicatorsFile.write(file, set, indicators);
    Map<String, CatalogueItem> catalogue = new LinkedHashMap<>();
    for (int i = 0; i < ITEMS.length; i++) {
      catalogue.put(
          ITEMS[i],
          new CatalogueItem(
              ITEMS[i], ITEMS[i].toUpperCase(), CATEGORIES[i], null, BigDecimal.TEN, null, true));
    }
    IndexBuilder.build(file, catalogue, dir.resolve("index"), ProgressListener.NONE);
    ModelInfo info =
        new ModelInfo(
            1,
            Instant.now(),
            Instant.EPOCH,
            Instant.EPOCH,
            1000,
            users,
            ITEMS.length,
            indicators.count(),
            List.of("purchase"),
            0,
            null,
            dir.toString(),
            "active");
    holder = new ModelHolder();
    holder.swap(ServingModel.open(info, dir.resolve("index")));
  }

  @AfterAll
  void close() {
    holder.swap(null);
  }

  private RecommendationList similar(double floor) {
    return new Recommender(holder, Recommender.Tuning.defaults().withEvidenceFloor(floor))
        .recommend(
            new History().add(Signal.PURCHASE, "anchor"),
            PURCHASE,
            Rules.defaults(),
            Set.of("anchor"),
            4);
  }

  private List<Offer> crossSell(double floor) {
    OfferService offers =
        new OfferService(
            new OfferEngine(holder, null, floor), null, null, null, new OfferConfiguration());
    return offers
        .forBasket(
            List.of("anchor"), null, new OfferService.Ratios(null, null), Rules.defaults(), 5)
        .crossSell();
  }

  @Test
  void withoutAFloorTheWeakCorrelationSaysBoughtTogether() {
    RecommendationList list = similar(0);
    Recommendation weak =
        list.items().stream().filter(r -> r.itemId().equals("weak")).findFirst().orElseThrow();
    assertThat(weak.reason().kind()).isEqualTo("purchase");
    assertThat(list.items().get(0).itemId()).isEqualTo("strong");
  }

  @Test
  void theTailFarBelowTheBestIsLabelledPopularNotGoesWith() {
    RecommendationList list = similar(0.2);
    assertThat(list.items()).hasSize(4);
    assertThat(list.items().get(0).itemId()).isEqualTo("strong");
    assertThat(list.items().get(0).reason().text()).isEqualTo("bought together with ANCHOR");
    assertThat(list.items()).extracting(Recommendation::itemId).doesNotContain("weak");
    assertThat(list.personalised()).isEqualTo(1);
    for (Recommendation tail : list.items().subList(1, 4)) {
      assertThat(tail.reason().kind()).isEqualTo("popular");
      assertThat(tail.reason().text()).startsWith("popular").doesNotContain("together");
    }
  }

  @Test
  void crossSellLeavesOutWhatIsUnderTheFloor() {
    assertThat(crossSell(0)).extracting(Offer::itemId).contains("strong", "weak");
    List<Offer> floored = crossSell(0.2);
    assertThat(floored).extracting(Offer::itemId).containsExactly("strong");
    assertThat(floored.get(0).reason().text()).isEqualTo("goes with ANCHOR");
  }
}
