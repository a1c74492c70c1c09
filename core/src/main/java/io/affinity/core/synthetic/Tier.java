package io.affinity.core.synthetic;

/**
 * The price tier of a product within its product line. A line has one product per tier; the
 * standard product sets the line's price and the others are priced relative to it, so that upsell
 * (standard to premium) is a fixed, known relation.
 */
public enum Tier {
  /** 50% to 75% of the standard price. */
  BUDGET(0.50, 0.75),
  /** The line's price. */
  STANDARD(1.0, 1.0),
  /** 1.3 to 2 times the standard price. */
  PREMIUM(1.3, 2.0);

  private final double minFactor;
  private final double maxFactor;

  Tier(double minFactor, double maxFactor) {
    this.minFactor = minFactor;
    this.maxFactor = maxFactor;
  }

  /** The lowest price of this tier relative to the standard price. */
  public double minFactor() {
    return minFactor;
  }

  /** The highest price of this tier relative to the standard price. */
  public double maxFactor() {
    return maxFactor;
  }
}
