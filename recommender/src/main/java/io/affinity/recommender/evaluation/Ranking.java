package io.affinity.recommender.evaluation;

import java.util.Arrays;

/** Picks the best items of a dense score vector: the top-k selection shared by the algorithms. */
final class Ranking {
  private Ranking() {}

  /**
   * The (at most) {@code k} items with the highest score, best first; ties go to the lower index.
   * Items in {@code excluded} (sorted) and items scoring NaN or negative infinity are skipped.
   */
  static int[] top(double[] scores, int k, int[] excluded) {
    // A min-heap of the best k seen so far, ordered by (score, -index).
    int[] heap = new int[k];
    int size = 0;
    for (int item = 0; item < scores.length; item++) {
      double s = scores[item];
      if (Double.isNaN(s) || s == Double.NEGATIVE_INFINITY) {
        continue;
      }
      if (excluded.length > 0 && Arrays.binarySearch(excluded, item) >= 0) {
        continue;
      }
      if (size < k) {
        heap[size] = item;
        up(heap, size++, scores);
      } else if (better(item, heap[0], scores)) {
        heap[0] = item;
        down(heap, size, scores);
      }
    }
    int[] out = new int[size];
    for (int i = size - 1; i >= 0; i--) {
      out[i] = heap[0];
      heap[0] = heap[i];
      down(heap, i, scores);
    }
    return out;
  }

  private static boolean better(int a, int b, double[] scores) {
    int c = Double.compare(scores[a], scores[b]);
    return c > 0 || (c == 0 && a < b);
  }

  private static void up(int[] heap, int i, double[] scores) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!better(heap[parent], heap[i], scores)) {
        return;
      }
      swap(heap, i, parent);
      i = parent;
    }
  }

  private static void down(int[] heap, int size, double[] scores) {
    int i = 0;
    while (true) {
      int left = 2 * i + 1;
      int right = left + 1;
      int worst = i;
      if (left < size && better(heap[worst], heap[left], scores)) {
        worst = left;
      }
      if (right < size && better(heap[worst], heap[right], scores)) {
        worst = right;
      }
      if (worst == i) {
        return;
      }
      swap(heap, i, worst);
      i = worst;
    }
  }

  private static void swap(int[] heap, int a, int b) {
    int t = heap[a];
    heap[a] = heap[b];
    heap[b] = t;
  }
}
