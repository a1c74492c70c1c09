package io.affinity.recommender.evaluation;

import io.affinity.core.progress.ProgressListener;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** The same list for everyone: the items with the most distinct buyers in training. */
final class PopularityAlgorithm implements Algorithm {
  private TemporalSplit split;
  private int[] order;

  /** Catalogue items by distinct training buyers, most first; ties by index. */
  static int[] order(TemporalSplit split) {
    return IntStream.range(0, split.catalogueSize())
        .boxed()
        .sorted(Comparator.comparingInt((Integer i) -> -split.buyers(i)).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  @Override
  public String name() {
    return "popularity";
  }

  @Override
  public String description() {
    return "most distinct buyers in training, the same list for everyone";
  }

  @Override
  public void train(TemporalSplit split, ProgressListener progress) {
    this.split = split;
    this.order = order(split);
  }

  @Override
  public int[] recommend(int user, int k, boolean includeKnown) {
    int[] known = split.bought(user);
    return Arrays.stream(order)
        .filter(i -> includeKnown || Arrays.binarySearch(known, i) < 0)
        .limit(k)
        .toArray();
  }
}
