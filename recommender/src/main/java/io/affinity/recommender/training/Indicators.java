package io.affinity.recommender.training;

import java.util.EnumMap;
import java.util.Map;

/**
 * The result of training: for each item and signal, the correlated items with their LLR weights,
 * strongest first, and how many users bought each item. Items are dense indexes.
 */
public final class Indicators {
  /** The indicators of one item for one signal. */
  public record List(int[] items, float[] weights) {
    static final List EMPTY = new List(new int[0], new float[0]);

    /** How many indicators. */
    public int size() {
      return items.length;
    }
  }

  private final int items;
  private final Map<Signal, List[]> bySignal = new EnumMap<>(Signal.class);
  private final int[] buyers;
  private final int users;

  public Indicators(int items, int users, int[] buyers) {
    this.items = items;
    this.users = users;
    this.buyers = buyers;
  }

  /** Number of items. */
  public int items() {
    return items;
  }

  /** Number of users in the training data. */
  public int users() {
    return users;
  }

  /** Users who bought {@code item} (after downsampling). */
  public int buyers(int item) {
    return buyers[item];
  }

  /** The signals that have indicators. */
  public java.util.Set<Signal> signals() {
    return bySignal.keySet();
  }

  /** The indicators of {@code item} for {@code signal}; empty if none. */
  public List of(Signal signal, int item) {
    List[] lists = bySignal.get(signal);
    if (lists == null || lists[item] == null) {
      return List.EMPTY;
    }
    return lists[item];
  }

  /** Sets the indicators of {@code item} for {@code signal}. */
  public void set(Signal signal, int item, int[] indicatorItems, float[] weights) {
    if (indicatorItems.length != weights.length) {
      throw new IllegalArgumentException("items and weights differ in length");
    }
    bySignal.computeIfAbsent(signal, s -> new List[items])[item] =
        new List(indicatorItems, weights);
  }

  /** Total number of indicators over all items and signals. */
  public long count() {
    long n = 0;
    for (List[] lists : bySignal.values()) {
      for (List l : lists) {
        n += l == null ? 0 : l.size();
      }
    }
    return n;
  }
}
