package io.affinity.recommender.evaluation;

import io.affinity.core.progress.ProgressListener;
import java.util.Arrays;
import java.util.SplittableRandom;

/** The floor: k catalogue items drawn uniformly at random, the same draw for the same user. */
final class RandomAlgorithm implements Algorithm {
  private final long seed;
  private TemporalSplit split;

  RandomAlgorithm(long seed) {
    this.seed = seed;
  }

  @Override
  public String name() {
    return "random";
  }

  @Override
  public String description() {
    return "uniformly random catalogue items (seed " + seed + "), a floor";
  }

  @Override
  public void train(TemporalSplit split, ProgressListener progress) {
    this.split = split;
  }

  @Override
  public int[] recommend(int user, int k, boolean includeKnown) {
    int[] known = includeKnown ? new int[0] : split.bought(user);
    SplittableRandom random = new SplittableRandom(seed * 31 + user);
    int n = split.catalogueSize();
    int wanted = Math.min(k, n - known.length);
    int[] out = new int[Math.max(0, wanted)];
    int size = 0;
    while (size < out.length) {
      int item = random.nextInt(n);
      if (Arrays.binarySearch(known, item) < 0 && !contains(out, size, item)) {
        out[size++] = item;
      }
    }
    return out;
  }

  private static boolean contains(int[] a, int size, int item) {
    for (int i = 0; i < size; i++) {
      if (a[i] == item) {
        return true;
      }
    }
    return false;
  }
}
