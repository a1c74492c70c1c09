package io.affinity.campaigns.lift;

import java.util.SplittableRandom;

/**
 * Draws one arm of a simulated campaign recipient by recipient and sums it into an {@link
 * ArmSummary}, the way the database does: a recipient converts with probability {@code rate} and
 * then spends a log-normal amount (skewed, like real baskets).
 */
final class SimulatedArm {
  private SimulatedArm() {}

  /** Log-normal spend parameters used by the simulations: mean exp(3.5 + 0.6^2/2) = 39.40. */
  static final double MU = 3.5;

  static final double SIGMA = 0.6;

  /** Expected revenue per recipient at conversion rate {@code rate}. */
  static double expectedRevenue(double rate) {
    return rate * Math.exp(MU + SIGMA * SIGMA / 2);
  }

  /** An arm of {@code n} recipients converting at {@code rate}. */
  static ArmSummary draw(SplittableRandom random, int n, double rate) {
    long conversions = 0;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < rate) {
        double spend = Math.exp(MU + SIGMA * random.nextGaussian());
        conversions++;
        sum += spend;
        sumSq += spend * spend;
      }
    }
    return ArmSummary.of(n, conversions, conversions, sum, sumSq);
  }
}
