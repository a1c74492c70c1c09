package io.affinity.recommender.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.affinity.core.progress.ProgressListener;
import io.affinity.recommender.training.CooccurrenceTrainer;
import io.affinity.recommender.training.HoldoutSet;
import io.affinity.recommender.training.Indicators;
import io.affinity.recommender.training.InteractionData;
import io.affinity.recommender.training.Signal;
import io.affinity.recommender.training.TrainingConfig;
import io.affinity.recommender.training.TrainingSet;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HoldoutCheckTest {
  private static final int PAIRS = 10;
  private static final int NOISE_FROM = 2 * PAIRS;
  private static final int ITEMS = 100;

  /**
   * Items {@code 2p} and {@code 2p + 1} are bought together. Before the cutoff 200 users bought
   * both items of a random pair; 100 others bought only the first one, and after the cutoff they
   * buy its partner: the indicators must foresee it. Noise items 20..99 are bought at random, and
   * item 99 by everybody, so that popularity is a real baseline and a wrong one.
   */
  @Test
  void indicatorsForeseePlantedPartnersBetterThanPopularity() {
    SplittableRandom random = new SplittableRandom(3);
    InteractionData.Builder before = new InteractionData.Builder();
    LongArrayList after = new LongArrayList();
    for (int u = 0; u < 300; u++) {
      int pair = random.nextInt(PAIRS);
      before.add(u, 2 * pair, Signal.PURCHASE);
      if (u < 200) {
        before.add(u, 2 * pair + 1, Signal.PURCHASE);
      } else {
        after.add(((long) u << 32) | (2 * pair + 1));
      }
      before.add(u, NOISE_FROM + random.nextInt(ITEMS - NOISE_FROM - 1), Signal.PURCHASE);
      before.add(u, ITEMS - 1, Signal.PURCHASE);
    }
    before.size(300, ITEMS);
    InteractionData data = before.build(500, 1);
    long[] held = after.toLongArray();
    Arrays.sort(held);
    HoldoutSet set =
        new HoldoutSet(
            new TrainingSet(
                data,
                new String[ITEMS],
                new int[ITEMS],
                new int[ITEMS],
                new float[ITEMS],
                0,
                1,
                data.users()),
            held);
    Indicators indicators =
        new CooccurrenceTrainer(TrainingConfig.defaults()).train(data, ProgressListener.NONE);

    HoldoutCheck.Result result = HoldoutCheck.run(set, indicators, 14, 1000, 1);

    assertThat(result.customers()).isEqualTo(100);
    // One new item each, and it is the only indicator of the item they bought: first place.
    assertThat(result.hitRate()).isCloseTo(1.0, within(1e-9));
    assertThat(result.ndcg()).isGreaterThan(0.9);
    assertThat(result.popularityNdcg()).isLessThan(0.5);
    assertThat(result.k()).isEqualTo(10);
    assertThat(result.protocol()).contains("last 14 days");
  }

  @Test
  void samplesAtMostTheCustomersAskedFor() {
    InteractionData.Builder before = new InteractionData.Builder();
    LongArrayList after = new LongArrayList();
    for (int u = 0; u < 50; u++) {
      before.add(u, 0, Signal.PURCHASE).add(u, 1, Signal.PURCHASE);
      after.add(((long) u << 32) | 2);
    }
    before.size(50, 3);
    InteractionData data = before.build(500, 1);
    long[] held = after.toLongArray();
    HoldoutSet set =
        new HoldoutSet(
            new TrainingSet(
                data, new String[3], new int[3], new int[3], new float[3], 0, 1, data.users()),
            held);
    Indicators indicators =
        new CooccurrenceTrainer(TrainingConfig.defaults()).train(data, ProgressListener.NONE);

    assertThat(HoldoutCheck.run(set, indicators, 7, 20, 1).customers()).isEqualTo(20);
  }
}
