package io.affinity.recommender.evaluation;

import io.affinity.recommender.training.HoldoutSet;
import io.affinity.recommender.training.Indicators;
import io.affinity.recommender.training.InteractionData;
import io.affinity.recommender.training.Signal;
import io.micronaut.serde.annotation.Serdeable;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The quick check every training run records in the model registry: indicators trained on the data
 * before a cutoff, asked for each sampled customer's top {@value #K} new items (items they had not
 * bought before), scored against what they bought after the cutoff; a popularity ranking on the
 * same customers is the baseline.
 *
 * <p>Candidates are scored as the serving query scores them, without Lucene: the sum, over the
 * customer's purchased items, of the LLR weights of the indicators that name them. The full
 * protocol, with Lucene, rules and the Taste baselines, is the {@code evaluate} command.
 */
public final class HoldoutCheck {
  /** The cutoff of the metrics. */
  public static final int K = 10;

  private HoldoutCheck() {}

  /**
   * The result of one check, as the model registry stores and the API shows it.
   *
   * @param protocol what was measured, in words
   * @param k the cutoff
   * @param customers customers scored; the means are over them
   * @param ndcg mean NDCG@k of the indicators
   * @param recall mean recall@k of the indicators
   * @param precision mean precision@k of the indicators
   * @param hitRate share of customers with at least one hit in the top k
   * @param popularityNdcg mean NDCG@k of the most popular items not yet bought (the baseline)
   * @param popularityRecall mean recall@k of the baseline
   */
  @Serdeable
  public record Result(
      String protocol,
      int k,
      int customers,
      double ndcg,
      double recall,
      double precision,
      double hitRate,
      double popularityNdcg,
      double popularityRecall) {}

  /**
   * Runs the check on at most {@code maxCustomers} customers, chosen at random with {@code seed}
   * among those with purchases both before and after the cutoff that include a new item.
   *
   * @return the result; {@code customers} is 0 when nobody qualifies (the metrics are then 0)
   */
  public static Result run(
      HoldoutSet set, Indicators indicators, int heldOutDays, int maxCustomers, long seed) {
    InteractionData data = set.training().data();
    int items = data.items();
    int[][] reverse = reverseIndex(indicators, items);
    float[][] reverseWeights = reverseWeights(indicators, items, reverse);
    int[] byPopularity = popularityOrder(indicators, items);
    long[] held = set.heldOut();
    IntArrayList users = new IntArrayList();
    for (int i = 0; i < held.length; ) {
      int user = (int) (held[i] >>> 32);
      int j = i;
      while (j < held.length && (int) (held[j] >>> 32) == user) {
        j++;
      }
      if (user < data.users() && data.count(Signal.PURCHASE, user) > 0) {
        users.add(user);
      }
      i = j;
    }
    int[] sample = users.toIntArray();
    shuffle(sample, new SplittableRandom(seed));
    double[] ours = new double[Metric.values().length];
    double[] popular = new double[Metric.values().length];
    int counted = 0;
    float[] scores = new float[items];
    for (int u : sample) {
      if (counted == maxCustomers) {
        break;
      }
      int[] history = data.itemsOf(Signal.PURCHASE, u); // sorted
      int[] truth = newItemsAfter(held, u, history);
      if (truth.length == 0) {
        continue;
      }
      int[] ranked = topK(scores, history, reverse, reverseWeights);
      int[] baseline = topPopular(byPopularity, history);
      add(ours, RankingMetrics.at(ranked, truth, K));
      add(popular, RankingMetrics.at(baseline, truth, K));
      counted++;
    }
    double n = Math.max(1, counted);
    return new Result(
        "holdout: trained on the data before the last "
            + heldOutDays
            + " days, top "
            + K
            + " new items per customer against what they bought in those days",
        K,
        counted,
        ours[Metric.NDCG.ordinal()] / n,
        ours[Metric.RECALL.ordinal()] / n,
        ours[Metric.PRECISION.ordinal()] / n,
        ours[Metric.HIT_RATE.ordinal()] / n,
        popular[Metric.NDCG.ordinal()] / n,
        popular[Metric.RECALL.ordinal()] / n);
  }

  /** For each item, the items whose purchase indicators name it. */
  private static int[][] reverseIndex(Indicators indicators, int items) {
    int[] counts = new int[items];
    for (int j = 0; j < items; j++) {
      for (int i : indicators.of(Signal.PURCHASE, j).items()) {
        counts[i]++;
      }
    }
    int[][] reverse = new int[items][];
    for (int i = 0; i < items; i++) {
      reverse[i] = new int[counts[i]];
    }
    Arrays.fill(counts, 0);
    for (int j = 0; j < items; j++) {
      for (int i : indicators.of(Signal.PURCHASE, j).items()) {
        reverse[i][counts[i]++] = j;
      }
    }
    return reverse;
  }

  /** The LLR weight of each entry of {@code reverse}. */
  private static float[][] reverseWeights(Indicators indicators, int items, int[][] reverse) {
    float[][] weights = new float[items][];
    int[] filled = new int[items];
    for (int i = 0; i < items; i++) {
      weights[i] = new float[reverse[i].length];
    }
    for (int j = 0; j < items; j++) {
      Indicators.List list = indicators.of(Signal.PURCHASE, j);
      for (int x = 0; x < list.size(); x++) {
        int i = list.items()[x];
        weights[i][filled[i]++] = list.weights()[x];
      }
    }
    return weights;
  }

  private static int[] popularityOrder(Indicators indicators, int items) {
    Integer[] order = new Integer[items];
    for (int i = 0; i < items; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(indicators.buyers(b), indicators.buyers(a)));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  /** The distinct items {@code user} bought after the cutoff and not before, sorted. */
  private static int[] newItemsAfter(long[] held, int user, int[] history) {
    int from = Arrays.binarySearch(held, (long) user << 32);
    from = from < 0 ? -from - 1 : from;
    IntArrayList items = new IntArrayList();
    for (int i = from; i < held.length && (int) (held[i] >>> 32) == user; i++) {
      int item = (int) held[i];
      if (Arrays.binarySearch(history, item) < 0
          && (items.isEmpty() || items.getInt(items.size() - 1) != item)) {
        items.add(item);
      }
    }
    return items.toIntArray();
  }

  /** The {@link #K} best-scored items not in {@code history}; {@code scores} is left zeroed. */
  private static int[] topK(float[] scores, int[] history, int[][] reverse, float[][] weights) {
    IntArrayList touched = new IntArrayList();
    for (int h : history) {
      for (int x = 0; x < reverse[h].length; x++) {
        int j = reverse[h][x];
        if (scores[j] == 0) {
          touched.add(j);
        }
        scores[j] += weights[h][x];
      }
    }
    int[] candidates =
        touched.intStream().filter(j -> Arrays.binarySearch(history, j) < 0).toArray();
    Integer[] boxed = Arrays.stream(candidates).boxed().toArray(Integer[]::new);
    Arrays.sort(boxed, (a, b) -> Float.compare(scores[b], scores[a]));
    int[] top = new int[Math.min(K, boxed.length)];
    for (int i = 0; i < top.length; i++) {
      top[i] = boxed[i];
    }
    touched.forEach(j -> scores[j] = 0);
    return top;
  }

  private static int[] topPopular(int[] byPopularity, int[] history) {
    int[] top = new int[K];
    int n = 0;
    for (int i = 0; i < byPopularity.length && n < K; i++) {
      if (Arrays.binarySearch(history, byPopularity[i]) < 0) {
        top[n++] = byPopularity[i];
      }
    }
    return Arrays.copyOf(top, n);
  }

  private static void add(double[] sum, double[] values) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += values[i];
    }
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
