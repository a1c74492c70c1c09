package io.affinity.recommender.evaluation;

import java.util.Locale;

/**
 * What is being predicted: every item bought in the test period, or only items new to the buyer.
 */
public enum Mode {
  /**
   * Ground truth: the distinct items the customer bought in the test period. Recommenders may
   * return items the customer already bought in training (repeat purchases count).
   */
  ALL_ITEMS,
  /**
   * Ground truth: the distinct test-period items the customer never bought in training; customers
   * without such items are skipped. Every recommender excludes the customer's training purchases.
   */
  NEW_ITEMS;

  /** Whether recommendations may contain the customer's training purchases. */
  public boolean includeKnown() {
    return this == ALL_ITEMS;
  }

  /** The name in reports: {@code all-items}, {@code new-items}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
