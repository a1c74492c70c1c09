package io.affinity.recommender.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.progress.ProgressListener;
import io.affinity.recommender.serving.Recommender;
import io.affinity.recommender.training.TrainingConfig;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every algorithm, through the runner, on a shop where customers buy within taste clusters: each
 * must beat random clearly; the ones that learn from co-purchases must also beat popularity.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlgorithmsOnPlantedStructureTest {
  private EvaluationReport report;

  @BeforeAll
  void run() {
    TemporalSplit split = Purchases.plantedShop(10, 8, 400, 11);
    EvaluationConfig config =
        new EvaluationConfig(
            Purchases.SPLIT,
            null,
            new int[] {5, 10},
            AlgorithmCatalog.NAMES,
            TrainingConfig.defaults(),
            Recommender.Tuning.defaults(),
            20,
            new AlsParams(8, 1.0, 10.0, 8),
            10.0,
            1L);
    report = new EvaluationRunner(config).run(split, ProgressListener.NONE);
  }

  private double ndcg10(String algorithm, Mode mode) {
    return report.algorithm(algorithm).modes().get(mode).at(10).stat(Metric.NDCG).mean();
  }

  @Test
  void everyAlgorithmBeatsRandom() {
    for (Mode mode : Mode.values()) {
      double random = ndcg10("random", mode);
      for (String name : AlgorithmCatalog.NAMES) {
        if (!name.equals("random")) {
          assertThat(ndcg10(name, mode))
              .as("%s, %s, against random %.3f", name, mode.label(), random)
              .isGreaterThan(1.5 * random + 0.05);
        }
      }
    }
  }

  @Test
  void theCollaborativeOnesBeatPopularityOnNewItems() {
    double popularity = ndcg10("popularity", Mode.NEW_ITEMS);
    for (String name : new String[] {"affinity", "item-based", "user-based", "als", "ease"}) {
      assertThat(ndcg10(name, Mode.NEW_ITEMS)).as(name).isGreaterThan(popularity);
    }
  }

  @Test
  void everyoneIsScoredOnTheSameCustomersAndCompared() {
    for (Mode mode : Mode.values()) {
      int[] users =
          report.algorithms().stream()
              .mapToInt(a -> a.modes().get(mode).users())
              .distinct()
              .toArray();
      assertThat(users).hasSize(1);
      assertThat(users[0]).isPositive();
    }
    assertThat(report.split().testUsers()).isEqualTo(400);
    // ours against the 6 others, 2 modes, 2 cutoffs, 2 metrics
    assertThat(report.comparisons()).hasSize(6 * 2 * 2 * 2);
    assertThat(report.comparisons())
        .filteredOn(c -> c.other().equals("random") && c.metric() == Metric.NDCG)
        .allSatisfy(c -> assertThat(c.pValue()).isLessThan(0.001));
    assertThat(Arrays.stream(report.config().ks()).boxed()).containsExactly(5, 10);
    assertThat(MarkdownReport.render(report)).contains("| affinity |", "| ease |", "new-items");
  }
}
