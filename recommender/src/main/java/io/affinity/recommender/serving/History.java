package io.affinity.recommender.serving;

import io.affinity.recommender.training.Signal;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a customer (or household, or basket) did, per signal, most recent first: the input of a
 * recommendation query.
 */
public final class History {
  private final Map<Signal, LinkedHashSet<String>> items = new EnumMap<>(Signal.class);

  /** Adds {@code item} under {@code signal} (kept once, in first-seen order). */
  public History add(Signal signal, String item) {
    items.computeIfAbsent(signal, s -> new LinkedHashSet<>()).add(item);
    return this;
  }

  /** Adds every item of {@code list} under {@code signal}. */
  public History addAll(Signal signal, Collection<String> list) {
    list.forEach(i -> add(signal, i));
    return this;
  }

  /** The items of {@code signal}, most recent first. */
  public Set<String> of(Signal signal) {
    return items.getOrDefault(signal, new LinkedHashSet<>());
  }

  /** Whether there is nothing to personalise from. */
  public boolean isEmpty() {
    return items.values().stream().allMatch(Set::isEmpty);
  }
}
