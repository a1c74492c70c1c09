package io.affinity.recommender.training;

import java.util.Arrays;

/**
 * The {@code k} best (item, weight) pairs offered, kept in a min-heap so that a candidate weaker
 * than the current k-th is rejected in constant time.
 */
final class TopK {
  private final int k;
  private final int[] items;
  private final float[] weights;
  private int size;

  TopK(int k) {
    this.k = k;
    this.items = new int[k];
    this.weights = new float[k];
  }

  void offer(int item, float weight) {
    if (size < k) {
      items[size] = item;
      weights[size] = weight;
      up(size++);
    } else if (weight > weights[0]) {
      items[0] = item;
      weights[0] = weight;
      down(0);
    }
  }

  int size() {
    return size;
  }

  /** The items, strongest first. */
  int[] items() {
    return sortedItems();
  }

  /** The weights, strongest first. */
  float[] weights() {
    int[] order = order();
    float[] w = new float[size];
    for (int i = 0; i < size; i++) {
      w[i] = weights[order[i]];
    }
    return w;
  }

  private int[] sortedItems() {
    int[] order = order();
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = items[order[i]];
    }
    return out;
  }

  /** Heap slots ordered by weight descending, ties by item ascending (deterministic). */
  private int[] order() {
    Integer[] slots = new Integer[size];
    for (int i = 0; i < size; i++) {
      slots[i] = i;
    }
    Arrays.sort(
        slots,
        (a, b) -> {
          int byWeight = Float.compare(weights[b], weights[a]);
          return byWeight != 0 ? byWeight : Integer.compare(items[a], items[b]);
        });
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = slots[i];
    }
    return order;
  }

  private void up(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (weights[parent] <= weights[i]) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void down(int i) {
    while (true) {
      int left = 2 * i + 1;
      int right = left + 1;
      int smallest = i;
      if (left < size && weights[left] < weights[smallest]) {
        smallest = left;
      }
      if (right < size && weights[right] < weights[smallest]) {
        smallest = right;
      }
      if (smallest == i) {
        return;
      }
      swap(i, smallest);
      i = smallest;
    }
  }

  private void swap(int a, int b) {
    int ti = items[a];
    items[a] = items[b];
    items[b] = ti;
    float tw = weights[a];
    weights[a] = weights[b];
    weights[b] = tw;
  }
}
