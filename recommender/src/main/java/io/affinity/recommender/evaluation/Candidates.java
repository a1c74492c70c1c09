package io.affinity.recommender.evaluation;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The candidate handling shared by every algorithm, so that lists differ only by what the
 * algorithms ranked:
 *
 * <ul>
 *   <li>only catalogue items (bought by someone in training) can be recommended;
 *   <li>in {@link Mode#NEW_ITEMS} the user's training purchases are removed (every algorithm is
 *       asked to exclude them already; this only enforces it);
 *   <li>a repeated item counts once;
 *   <li>a list shorter than k is filled with the most popular catalogue items (most distinct
 *       training buyers) that are not already in it and not excluded, so that every algorithm
 *       answers with k items. The answer says how many items the algorithm gave itself.
 * </ul>
 */
final class Candidates {
  /** A final list and how many of its items the algorithm proposed (the rest is fill). */
  record Answer(int[] items, int proposed) {}

  private final TemporalSplit split;
  private final int[] byPopularity;

  Candidates(TemporalSplit split) {
    this.split = split;
    this.byPopularity = PopularityAlgorithm.order(split);
  }

  /** The list of {@code k} items that {@code proposed} (an algorithm's answer) becomes. */
  Answer finish(int[] proposed, int user, int k, boolean includeKnown) {
    int[] known = includeKnown ? new int[0] : split.bought(user);
    BitSet taken = new BitSet(split.catalogueSize());
    int[] out = new int[k];
    int n = 0;
    for (int item : proposed) {
      if (n < k && allowed(item, known) && !taken.get(item)) {
        taken.set(item);
        out[n++] = item;
      }
    }
    int own = n;
    for (int p = 0; p < byPopularity.length && n < k; p++) {
      int item = byPopularity[p];
      if (!taken.get(item) && Arrays.binarySearch(known, item) < 0) {
        taken.set(item);
        out[n++] = item;
      }
    }
    return new Answer(n == k ? out : Arrays.copyOf(out, n), own);
  }

  private boolean allowed(int item, int[] known) {
    return item >= 0 && item < split.catalogueSize() && Arrays.binarySearch(known, item) < 0;
  }
}
