package io.affinity.recommender.serving;

import io.affinity.recommender.training.Signal;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a customer (or household, or basket) did, per signal, most recent first: the input of a
 * recommendation query. Adding an item again counts it again (a customer who bought it in five
 * orders has it five times) without moving it; a history may hold at most a given number of
 * distinct items per signal, after which new items are ignored but repeats of held ones still
 * count.
 */
public final class History {
  /**
   * The most distinct items per signal that a customer's history holds for a query: 100 did better
   * than 50 on the validation split (wholesale customers buy hundreds of items) and about as well
   * as 200 or no limit (see {@code docs/evaluation.md}).
   */
  public static final int ITEMS_PER_SIGNAL = 100;

  private final int itemsPerSignal;
  private final Map<Signal, LinkedHashMap<String, Integer>> items = new EnumMap<>(Signal.class);

  /** A history without a limit on its items. */
  public History() {
    this(Integer.MAX_VALUE);
  }

  /** A history holding at most {@code itemsPerSignal} distinct items per signal. */
  public History(int itemsPerSignal) {
    if (itemsPerSignal < 1) {
      throw new IllegalArgumentException("itemsPerSignal must be positive, got " + itemsPerSignal);
    }
    this.itemsPerSignal = itemsPerSignal;
  }

  /**
   * Adds {@code item} under {@code signal}: kept once, in first-seen order, and counted each time;
   * a new item is ignored once the signal holds the most items allowed.
   */
  public History add(Signal signal, String item) {
    LinkedHashMap<String, Integer> of = items.computeIfAbsent(signal, s -> new LinkedHashMap<>());
    Integer count = of.get(item);
    if (count != null) {
      of.put(item, count + 1); // re-putting a key keeps its place
    } else if (of.size() < itemsPerSignal) {
      of.put(item, 1);
    }
    return this;
  }

  /** Adds every item of {@code list} under {@code signal}. */
  public History addAll(Signal signal, Collection<String> list) {
    list.forEach(i -> add(signal, i));
    return this;
  }

  /** The distinct items of {@code signal}, most recent first. */
  public Set<String> of(Signal signal) {
    Map<String, Integer> of = items.get(signal);
    return of == null ? Set.of() : Collections.unmodifiableSet(of.keySet());
  }

  /** How many times {@code item} was added under {@code signal}; 0 if it is not held. */
  public int count(Signal signal, String item) {
    Map<String, Integer> of = items.get(signal);
    return of == null ? 0 : of.getOrDefault(item, 0);
  }

  /** Whether there is nothing to personalise from. */
  public boolean isEmpty() {
    return items.values().stream().allMatch(Map::isEmpty);
  }
}
