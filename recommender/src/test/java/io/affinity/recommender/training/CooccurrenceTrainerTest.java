package io.affinity.recommender.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.progress.ProgressListener;
import java.util.SplittableRandom;
import org.apache.mahout.math.stats.LogLikelihood;
import org.junit.jupiter.api.Test;

class CooccurrenceTrainerTest {
  private static final int A = 0;
  private static final int B = 1;
  private static final int C = 2;

  @Test
  void findsAPlantedPairAmongNoiseWithItsLlrWeight() {
    InteractionData.Builder b = new InteractionData.Builder();
    SplittableRandom random = new SplittableRandom(1);
    int users = 1000;
    for (int u = 0; u < users; u++) {
      if (u < 100) { // 100 users buy A and B together
        b.add(u, A, Signal.PURCHASE).add(u, B, Signal.PURCHASE);
      }
      for (int k = 0; k < 3; k++) { // noise over items 3..99
        b.add(u, 3 + random.nextInt(97), Signal.PURCHASE);
      }
    }
    InteractionData data = b.build(500, 7);

    Indicators ind =
        new CooccurrenceTrainer(TrainingConfig.defaults()).train(data, ProgressListener.NONE);

    Indicators.List ofA = ind.of(Signal.PURCHASE, A);
    assertThat(ofA.items()[0]).isEqualTo(B);
    assertThat(ofA.items()).doesNotContain(A);
    double expected = LogLikelihood.logLikelihoodRatio(100, 0, 0, users - 100);
    assertThat(ofA.weights()[0])
        .isCloseTo((float) expected, org.assertj.core.data.Offset.offset(1e-3f));
    assertThat(ind.buyers(A)).isEqualTo(100);
    assertThat(ind.of(Signal.PURCHASE, B).items()[0]).isEqualTo(A);
  }

  @Test
  void crossOccurrenceLinksViewsToPurchasesAndIgnoresNegativeCorrelation() {
    InteractionData.Builder b = new InteractionData.Builder();
    for (int u = 0; u < 400; u++) {
      if (u < 50) { // buyers of A viewed C first
        b.add(u, A, Signal.PURCHASE).add(u, C, Signal.VIEW);
      } else {
        b.add(u, 10 + u % 20, Signal.PURCHASE);
        if (u < 100) {
          b.add(u, B, Signal.VIEW); // B is viewed only by people who did not buy A
        }
      }
    }
    Indicators ind =
        new CooccurrenceTrainer(TrainingConfig.defaults())
            .train(b.build(500, 1), ProgressListener.NONE);

    assertThat(ind.of(Signal.VIEW, A).items()).containsExactly(C);
    assertThat(ind.of(Signal.PURCHASE, A).size()).isZero();
  }

  @Test
  void rarePairsBelowTheMinimumCooccurrenceAreDropped() {
    InteractionData.Builder b = new InteractionData.Builder();
    b.add(0, A, Signal.PURCHASE).add(0, B, Signal.PURCHASE);
    for (int u = 1; u < 50; u++) {
      b.add(u, 5 + u, Signal.PURCHASE);
    }
    Indicators ind =
        new CooccurrenceTrainer(TrainingConfig.defaults())
            .train(b.build(500, 1), ProgressListener.NONE);
    assertThat(ind.of(Signal.PURCHASE, A).size()).isZero();
    assertThat(ind.count()).isZero();
  }

  @Test
  void longHistoriesAreDownsampledAndTopKIsRespected() {
    InteractionData.Builder b = new InteractionData.Builder();
    for (int item = 0; item < 2000; item++) {
      b.add(0, item, Signal.PURCHASE);
    }
    b.add(1, 5, Signal.PURCHASE).add(1, 5, Signal.PURCHASE);
    InteractionData data = b.build(100, 3);
    assertThat(data.count(Signal.PURCHASE, 0)).isEqualTo(100);
    assertThat(data.itemsOf(Signal.PURCHASE, 0)).isSorted().doesNotHaveDuplicates();
    assertThat(data.itemsOf(Signal.PURCHASE, 1)).containsExactly(5);
  }
}
