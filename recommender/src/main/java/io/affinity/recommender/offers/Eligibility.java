package io.affinity.recommender.offers;

import java.util.Map;
import java.util.Set;

/**
 * What may not be offered: items (bought, returned, in the basket, capped) and categories (bought
 * in within their repurchase window); and what may be offered only with less weight: items the
 * customer was shown many times and never clicked, each with the factor its expected value is
 * multiplied by.
 */
record Eligibility(
    Set<String> excludedItems, Set<String> excludedCategories, Map<String, Double> demoted) {
  static Eligibility none() {
    return new Eligibility(Set.of(), Set.of(), Map.of());
  }

  /** The factor of {@code item}'s expected value: 1 unless it is demoted. */
  double weight(String item) {
    return demoted.getOrDefault(item, 1.0);
  }
}
