package io.affinity.recommender.offers;

import java.util.Set;

/**
 * What may not be offered: items (bought, returned, in the basket, capped) and categories (bought
 * in within their repurchase window).
 */
record Eligibility(Set<String> excludedItems, Set<String> excludedCategories) {
  static Eligibility none() {
    return new Eligibility(Set.of(), Set.of());
  }
}
