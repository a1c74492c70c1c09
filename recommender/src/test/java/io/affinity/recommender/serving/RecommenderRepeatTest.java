package io.affinity.recommender.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.progress.ProgressListener;
import io.affinity.recommender.index.CatalogueItem;
import io.affinity.recommender.index.IndexBuilder;
import io.affinity.recommender.model.IndicatorsFile;
import io.affinity.recommender.model.ModelHolder;
import io.affinity.recommender.model.ModelInfo;
import io.affinity.recommender.model.ServingModel;
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
 * The repeat-purchase part of "recommended for you", on a real index trained from baskets where a1
 * goes with a2 and b1 with b2: a customer who bought a1 five times and b1 once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommenderRepeatTest {
  private static final String[] ITEMS = {
    "a1", "a2", "b1", "b2", "c1", "c2", "c3", "c4", "c5", "c6", "gone"
  };
  private static final Set<Signal> PURCHASE = EnumSet.of(Signal.PURCHASE);

  @TempDir static Path dir;
  private ModelHolder holder;

  @BeforeAll
  void trainAndIndex() throws Exception {
    InteractionData.Builder b = new InteractionData.Builder().size(100, ITEMS.length);
    for (int u = 0; u < 100; u++) {
      if (u < 30) {
        b.add(u, 0, Signal.PURCHASE).add(u, 1, Signal.PURCHASE);
      } else if (u < 60) {
        b.add(u, 2, Signal.PURCHASE).add(u, 3, Signal.PURCHASE);
      } else {
        b.add(u, 4 + u % 3, Signal.PURCHASE);
      }
      b.add(u, 7 + u % 4, Signal.PURCHASE); // c4..c6 and "gone": background noise
    }
    InteractionData data = b.build(500, 1L);
    Indicators indicators =
        new CooccurrenceTrainer(TrainingConfig.defaults()).train(data, ProgressListener.NONE);
    TrainingSet set =
        new TrainingSet(
            data,
            ITEMS,
            new int[ITEMS.length],
            new int[ITEMS.length],
            new float[ITEMS.length],
            0,
            1,
            200);
    Path file = dir.resolve("indicators.jsonl.gz");
    IndicatorsFile.write(file, set, indicators);
    Map<String, CatalogueItem> catalogue = new LinkedHashMap<>();
    for (String id : ITEMS) {
      boolean inStock = !id.equals("gone");
      catalogue.put(
          id, new CatalogueItem(id, id.toUpperCase(), null, null, BigDecimal.ONE, null, inStock));
    }
    IndexBuilder.build(file, catalogue, dir.resolve("index"), ProgressListener.NONE);
    ModelInfo info =
        new ModelInfo(
            7,
            Instant.now(),
            Instant.EPOCH,
            Instant.EPOCH,
            200,
            100,
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

  /** Newest first: b1, then a1 in five orders, then "gone" (out of stock) twice. */
  private static History history() {
    History h = new History();
    h.add(Signal.PURCHASE, "b1");
    for (int i = 0; i < 5; i++) {
      h.add(Signal.PURCHASE, "a1");
    }
    return h.add(Signal.PURCHASE, "gone").add(Signal.PURCHASE, "gone");
  }

  private static Rules rules(boolean includePurchased, Set<String> excludeItems) {
    return new Rules(
        Set.of(), Set.of(), null, null, true, List.of(), excludeItems, includePurchased);
  }

  private List<Recommendation> recommend(double repeatWeight, Rules rules, Set<String> exclude) {
    return new Recommender(holder, new Recommender.Tuning(repeatWeight))
        .recommend(history(), PURCHASE, rules, exclude, 6)
        .items();
  }

  private static Recommendation find(List<Recommendation> items, String id) {
    return items.stream().filter(r -> r.itemId().equals(id)).findFirst().orElse(null);
  }

  @Test
  void reasonsFromTheIndicatorTableMatchThoseScannedAsStrings() {
    Set<String> wanted = Set.of("a1", "b1", "c2", "gone");
    holder.withModel(
        m -> {
          java.util.Set<Integer> wantedDocs = new java.util.HashSet<>();
          wanted.forEach(w -> wantedDocs.add(m.docOf(w)));
          int compared = 0;
          for (int doc = 0; doc < m.searcher().getIndexReader().maxDoc(); doc++) {
            ServingModel.Indicator asStrings =
                m.strongestIndicator(doc, Signal.PURCHASE, wanted::contains);
            assertThat(
                    m.strongestIndicators(new int[] {doc}, Signal.PURCHASE, wantedDocs::contains))
                .containsExactly(asStrings);
            compared += asStrings == null ? 0 : 1;
          }
          assertThat(compared).isPositive();
          return null;
        });
  }

  @Test
  void aClauseCapQueriesOnlyTheMostRecentItems() {
    // b1 is the most recent purchase: with one clause per signal only b1's complement is found.
    List<Recommendation> items =
        new Recommender(holder, new Recommender.Tuning(0, 1))
            .recommend(history(), PURCHASE, rules(false, Set.of()), Set.of("b1", "a1"), 6)
            .items();
    assertThat(items.get(0).itemId()).isEqualTo("b2");
    assertThat(items.get(0).reason().itemId()).isEqualTo("b1");
    assertThat(find(items, "a2"))
        .satisfiesAnyOf(
            r -> assertThat(r).isNull(),
            r -> assertThat(r.reason().kind()).isNotEqualTo("purchase"));
  }

  @Test
  void withIncludePurchasedTheMostBoughtItemComesFirstWithItsCount() {
    List<Recommendation> items = recommend(2.0, rules(true, Set.of()), Set.of());

    assertThat(items.get(0).itemId()).isEqualTo("a1");
    assertThat(items.get(0).reason())
        .isEqualTo(new Reason("repeat", "a1", "you bought this 5 times"));
    Recommendation b1 = find(items, "b1");
    assertThat(b1).isNotNull();
    assertThat(b1.reason()).isEqualTo(new Reason("repeat", "b1", "you bought this before"));
    assertThat(items.indexOf(b1)).isGreaterThan(0);
    // The complements still come through the indicators, with their usual reason.
    assertThat(find(items, "a2").reason().kind()).isEqualTo("purchase");
    assertThat(find(items, "b2").reason().kind()).isEqualTo("purchase");
  }

  @Test
  void repeatItemsObeyTheRules() {
    List<Recommendation> items = recommend(2.0, rules(true, Set.of("a1")), Set.of());

    assertThat(items).extracting(Recommendation::itemId).doesNotContain("a1", "gone");
    assertThat(items.get(0).itemId()).isIn("b1", "a2", "b2");
    assertThat(find(items, "b1").reason().kind()).isEqualTo("repeat");
  }

  @Test
  void withoutTheRepeatWeightBoughtItemsOnlyComeAsBackfill() {
    List<Recommendation> items = recommend(0, rules(true, Set.of()), Set.of());

    assertThat(items).extracting(r -> r.reason().kind()).doesNotContain("repeat");
    assertThat(items.subList(0, 2)).extracting(Recommendation::itemId).containsOnly("a2", "b2");
  }

  @Test
  void withoutIncludePurchasedNothingChanges() {
    Set<String> bought = history().of(Signal.PURCHASE);
    List<Recommendation> tuned = recommend(2.0, rules(false, Set.of()), bought);
    List<Recommendation> plain = recommend(0, rules(false, Set.of()), bought);

    assertThat(tuned).isEqualTo(plain);
    assertThat(tuned).extracting(Recommendation::itemId).doesNotContainAnyElementsOf(bought);
    assertThat(tuned).extracting(r -> r.reason().kind()).doesNotContain("repeat");
  }
}
