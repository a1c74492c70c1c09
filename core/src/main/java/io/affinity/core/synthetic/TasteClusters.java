package io.affinity.core.synthetic;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The planted taste clusters: each cluster favours a few categories, and every customer belongs to
 * one cluster, the same for all members of a household (they shop for one home).
 */
final class TasteClusters {
  private final long seed;
  private final int[][] favoured;
  private final HouseholdLayout layout;

  TasteClusters(ShopSpec spec, HouseholdLayout layout) {
    this.seed = spec.seed();
    this.layout = layout;
    SplittableRandom rng = Seeds.rng(spec.seed(), Seeds.CLUSTERS, 0);
    favoured = new int[spec.clusters()][];
    for (int k = 0; k < favoured.length; k++) {
      // A partial Fisher-Yates shuffle picks distinct categories.
      int[] all = new int[spec.categories()];
      for (int c = 0; c < all.length; c++) {
        all[c] = c;
      }
      for (int j = 0; j < spec.categoriesPerCluster(); j++) {
        int swap = j + rng.nextInt(all.length - j);
        int t = all[j];
        all[j] = all[swap];
        all[swap] = t;
      }
      favoured[k] = Arrays.copyOf(all, spec.categoriesPerCluster());
    }
  }

  int clusters() {
    return favoured.length;
  }

  /** The cluster of {@code customer}: their household's, or their own if they live alone. */
  int clusterOf(int customer) {
    int household = layout.householdOf(customer);
    long key = household >= 0 ? -1L - household : customer;
    return (int) Math.floorMod(Seeds.hash(seed, Seeds.CLUSTER_OF, key), (long) favoured.length);
  }

  /** The categories {@code cluster} favours. */
  int[] favoured(int cluster) {
    return favoured[cluster];
  }
}
