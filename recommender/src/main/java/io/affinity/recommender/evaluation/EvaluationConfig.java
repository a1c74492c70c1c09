package io.affinity.recommender.evaluation;

import io.affinity.recommender.serving.Recommender;
import io.affinity.recommender.training.TrainingConfig;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What to evaluate and how.
 *
 * <p>The baselines' defaults were chosen on a validation split inside the training period (train
 * before 2011-06-01, test June to August 2011; see {@code docs/evaluation.md}), never on the test
 * period; ours runs with the production defaults.
 *
 * @param splitAt training is before, test from then on
 * @param testEnd test purchases from then on are ignored; null for none (the protocol)
 * @param ks the cutoffs, ascending
 * @param algorithms names from {@link AlgorithmCatalog#NAMES}, in the order to run and report
 * @param training our recommender's training parameters
 * @param tuning how our recommender's queries score (the evidence floor among them)
 * @param neighbours user-based: the size of the neighbourhood
 * @param als the ALS factorisation's parameters
 * @param easeLambda EASE's L2 regularisation
 * @param seed for the random baseline
 */
public record EvaluationConfig(
    Instant splitAt,
    @Nullable Instant testEnd,
    int[] ks,
    List<String> algorithms,
    TrainingConfig training,
    Recommender.Tuning tuning,
    int neighbours,
    AlsParams als,
    double easeLambda,
    long seed) {
  public static final int[] DEFAULT_KS = {10, 20};
  public static final int DEFAULT_NEIGHBOURS = 50;
  public static final double DEFAULT_EASE_LAMBDA = 300;

  public EvaluationConfig {
    ks = ks.clone();
    Arrays.sort(ks);
    if (ks.length == 0 || ks[0] < 1) {
      throw new IllegalArgumentException("cutoffs must be positive, got " + Arrays.toString(ks));
    }
    if (Arrays.stream(ks).distinct().count() != ks.length) {
      throw new IllegalArgumentException("cutoffs repeat: " + Arrays.toString(ks));
    }
    for (String name : algorithms) {
      if (!AlgorithmCatalog.NAMES.contains(name)) {
        throw new IllegalArgumentException(
            "unknown algorithm '"
                + name
                + "'; known: "
                + String.join(", ", AlgorithmCatalog.NAMES));
      }
    }
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException("no algorithm to evaluate");
    }
    if (testEnd != null && !testEnd.isAfter(splitAt)) {
      throw new IllegalArgumentException("testEnd " + testEnd + " is not after " + splitAt);
    }
    algorithms = List.copyOf(algorithms);
  }

  /** The protocol of design.md: every algorithm, k = 10 and 20, split on 2011-09-01. */
  public static EvaluationConfig defaults() {
    return new EvaluationConfig(
        TemporalSplit.DEFAULT_SPLIT,
        null,
        DEFAULT_KS,
        AlgorithmCatalog.NAMES,
        TrainingConfig.defaults(),
        Recommender.Tuning.defaults(),
        DEFAULT_NEIGHBOURS,
        AlsParams.DEFAULTS,
        DEFAULT_EASE_LAMBDA,
        1L);
  }

  /** The largest cutoff: the length of every list asked for. */
  public int maxK() {
    return ks[ks.length - 1];
  }

  /** A copy of the cutoffs. */
  @Override
  public int[] ks() {
    return ks.clone();
  }
}
