package io.affinity.campaigns.lift;

/**
 * CUPED (Deng et al., 2013): revenue minus theta times the centred pre-period spend, with theta =
 * cov(pre, revenue) / var(pre) estimated on both arms together, so the adjustment is the same for
 * both and leaves the expected lift unchanged while removing the variance that pre-period spend
 * explains.
 *
 * @param theta the regression coefficient of revenue on pre-period spend
 * @param preMean mean pre-period spend over both arms
 * @param correlation pooled correlation of pre-period spend and revenue
 */
record Cuped(double theta, double preMean, double correlation) {

  /** Theta estimated on both arms pooled; 0 (no adjustment) when pre-period spend is constant. */
  static Cuped fit(ArmSummary t, ArmSummary c) {
    ArmSummary all = t.plus(c);
    double varPre = all.preVariance();
    double cov = all.preRevenueCovariance();
    double varRevenue = all.revenueVariance();
    if (!(varPre > 0)) {
      return new Cuped(0, all.preMean(), Double.NaN);
    }
    return new Cuped(cov / varPre, all.preMean(), cov / Math.sqrt(varPre * varRevenue));
  }

  /** The arm's mean of revenue - theta * (pre - overall pre mean). */
  double adjustedMean(ArmSummary arm) {
    return arm.revenuePerRecipient() - theta * (arm.preMean() - preMean);
  }

  /**
   * The arm's sample variance of the adjusted revenue: Var(Y) - 2 theta Cov(X, Y) + theta^2 Var(X).
   */
  double adjustedVariance(ArmSummary arm) {
    double v =
        arm.revenueVariance()
            - 2 * theta * arm.preRevenueCovariance()
            + theta * theta * arm.preVariance();
    return Math.max(0, v);
  }
}
