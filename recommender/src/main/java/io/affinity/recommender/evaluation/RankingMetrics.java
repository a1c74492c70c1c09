package io.affinity.recommender.evaluation;

import java.util.Arrays;

/**
 * The ranking metrics of one customer's list against their ground truth, with binary relevance.
 * With {@code T} the ground truth, {@code r_1..r_n} the list and {@code rel_i = 1} when {@code r_i}
 * is in {@code T}, at cutoff {@code k} (only the first {@code k} items count):
 *
 * <ul>
 *   <li>precision = hits / k (k, not the list length: a short list is not rewarded);
 *   <li>recall = hits / |T|;
 *   <li>hit rate = 1 if hits &gt; 0, else 0;
 *   <li>NDCG = DCG / IDCG with DCG = sum of rel_i / log2(i + 1) and IDCG the DCG of a perfect list
 *       (min(k, |T|) hits at the top);
 *   <li>MAP (average precision at k) = sum of precision@i * rel_i over i &lt;= k, divided by min(k,
 *       |T|).
 * </ul>
 *
 * <p>The list must not repeat an item (an assertion); {@code T} must be sorted and not empty.
 */
public final class RankingMetrics {
  private static final double LN2 = Math.log(2);

  private RankingMetrics() {}

  /**
   * Every {@link Metric} of {@code ranked} at cutoff {@code k}, indexed by {@link
   * Metric#ordinal()}.
   *
   * @throws IllegalArgumentException if {@code k < 1} or {@code truth} is empty
   */
  public static double[] at(int[] ranked, int[] truth, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be positive, got " + k);
    }
    if (truth.length == 0) {
      throw new IllegalArgumentException("the ground truth is empty");
    }
    assert Arrays.stream(ranked).distinct().count() == ranked.length : "repeated item";
    int n = Math.min(k, ranked.length);
    int hits = 0;
    double dcg = 0;
    double precisionSum = 0;
    for (int i = 0; i < n; i++) {
      if (Arrays.binarySearch(truth, ranked[i]) >= 0) {
        hits++;
        dcg += discount(i);
        precisionSum += (double) hits / (i + 1);
      }
    }
    int ideal = Math.min(k, truth.length);
    double idcg = 0;
    for (int i = 0; i < ideal; i++) {
      idcg += discount(i);
    }
    double[] values = new double[Metric.values().length];
    values[Metric.PRECISION.ordinal()] = (double) hits / k;
    values[Metric.RECALL.ordinal()] = (double) hits / truth.length;
    values[Metric.NDCG.ordinal()] = dcg / idcg;
    values[Metric.HIT_RATE.ordinal()] = hits > 0 ? 1 : 0;
    values[Metric.MAP.ordinal()] = precisionSum / ideal;
    return values;
  }

  /** 1 / log2(position + 1) for the 0-based {@code index}: 1 at the top, 0.63 second, ... */
  static double discount(int index) {
    return LN2 / Math.log(index + 2);
  }
}
