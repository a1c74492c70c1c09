package io.affinity.campaigns.lift;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Treatment against control from two {@link ArmSummary}s: conversion (two-proportion z-test, Wald
 * interval), revenue per recipient (Welch's t-test and interval), relative lifts by the delta
 * method, power, and optional CUPED. Pure and allocation-light: it works on sums, so a campaign of
 * millions of recipients costs the same as one of ten. The formulas are in {@code docs/lift.md}.
 */
public final class LiftStatistics {
  /** Two-sided significance level of tests and intervals. */
  public static final double ALPHA = 0.05;

  /** Power at which the minimum detectable effect is computed. */
  public static final double POWER = 0.80;

  // Distributions without a random generator: we never sample, and creating one is costly.
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
  private static final double Z = NORMAL.inverseCumulativeProbability(1 - ALPHA / 2);
  private static final double Z_POWER = NORMAL.inverseCumulativeProbability(POWER);

  private LiftStatistics() {}

  /**
   * The conversion lift of {@code t} over {@code c}.
   *
   * @throws IllegalArgumentException if an arm has no recipients
   */
  public static ConversionLift conversion(ArmSummary t, ArmSummary c) {
    requireRecipients(t, c);
    double nt = t.recipients();
    double nc = c.recipients();
    double pt = t.conversionRate();
    double pc = c.conversionRate();
    double diff = pt - pc;
    double varT = pt * (1 - pt) / nt;
    double varC = pc * (1 - pc) / nc;
    // The interval uses each arm's own variance (Wald); the test pools both arms, as the null
    // hypothesis says they share one rate.
    Estimate absolute = Estimate.around(diff, Z * Math.sqrt(varT + varC));
    double pooled = (t.conversions() + c.conversions()) / (nt + nc);
    double sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / nt + 1 / nc));
    double z = sePooled == 0 ? (diff == 0 ? 0 : Double.NaN) : diff / sePooled;
    double p = Double.isNaN(z) ? Double.NaN : 2 * NORMAL.cumulativeProbability(-Math.abs(z));
    Estimate relative = relative(pt, varT, pc, varC);
    double mde = (Z + Z_POWER) * Math.sqrt(pc * (1 - pc) * (1 / nt + 1 / nc));
    double power = power(diff, Math.sqrt(varT + varC));
    return new ConversionLift(
        absolute,
        relative,
        Estimate.finite(z),
        Estimate.finite(p),
        absolute.times(nt),
        Estimate.finite(mde),
        Estimate.finite(power),
        Math.abs(diff) < mde);
  }

  /**
   * The revenue-per-recipient lift of {@code t} over {@code c}; with {@code cuped}, adjusted by
   * pre-period spend (the arms' {@code pre*} sums).
   *
   * @throws IllegalArgumentException if an arm has fewer than two recipients
   */
  public static RevenueLift revenue(ArmSummary t, ArmSummary c, boolean cuped) {
    requireRecipients(t, c);
    if (t.recipients() < 2 || c.recipients() < 2) {
      throw new IllegalArgumentException("Welch's test needs two recipients per arm");
    }
    double meanT = t.revenuePerRecipient();
    double meanC = c.revenuePerRecipient();
    double varT = t.revenueVariance();
    double varC = c.revenueVariance();
    CupedAdjustment adjustment = null;
    if (cuped) {
      Cuped fit = Cuped.fit(t, c);
      double before = varT / t.recipients() + varC / c.recipients();
      meanT = fit.adjustedMean(t);
      meanC = fit.adjustedMean(c);
      varT = fit.adjustedVariance(t);
      varC = fit.adjustedVariance(c);
      double after = varT / t.recipients() + varC / c.recipients();
      adjustment =
          new CupedAdjustment(
              fit.theta(),
              Estimate.finite(fit.correlation()),
              Estimate.finite(before == 0 ? 0 : 1 - after / before));
    }
    return welch(meanT, varT, t.recipients(), meanC, varC, c.recipients(), adjustment);
  }

  private static RevenueLift welch(
      double meanT,
      double varT,
      long nt,
      double meanC,
      double varC,
      long nc,
      CupedAdjustment adjustment) {
    double diff = meanT - meanC;
    double vt = varT / nt;
    double vc = varC / nc;
    double se = Math.sqrt(vt + vc);
    Estimate absolute;
    double tStat;
    double df;
    double p;
    if (se == 0) {
      // Both arms constant (nobody bought, say): no spread, nothing to test.
      absolute = Estimate.of(diff, diff, diff);
      tStat = diff == 0 ? 0 : Double.NaN;
      df = Double.NaN;
      p = diff == 0 ? 1 : 0;
    } else {
      df = (vt + vc) * (vt + vc) / (vt * vt / (nt - 1) + vc * vc / (nc - 1));
      double q = new TDistribution(null, df).inverseCumulativeProbability(1 - ALPHA / 2);
      absolute = Estimate.around(diff, q * se);
      tStat = diff / se;
      // Commons Math's Welch test, from summaries: the same t and degrees of freedom as above.
      p = new TTest().tTest(summary(meanT, varT, nt), summary(meanC, varC, nc));
    }
    double mde = (Z + Z_POWER) * se;
    return new RevenueLift(
        absolute,
        relative(meanT, vt, meanC, vc),
        Estimate.finite(tStat),
        Estimate.finite(df),
        Estimate.finite(p),
        absolute.times(nt),
        Estimate.finite(mde),
        Estimate.finite(power(diff, se)),
        Math.abs(diff) < mde,
        adjustment);
  }

  /** The 95% Wald interval of one arm's conversion rate; undefined without recipients. */
  public static Estimate rateInterval(ArmSummary arm) {
    if (arm.recipients() == 0) {
      return new Estimate(null, null, null);
    }
    double p = arm.conversionRate();
    return Estimate.around(p, Z * Math.sqrt(p * (1 - p) / arm.recipients()));
  }

  /** The 95% t interval of one arm's revenue per recipient; undefined below two recipients. */
  public static Estimate meanInterval(ArmSummary arm) {
    if (arm.recipients() < 2) {
      return Estimate.of(arm.revenuePerRecipient(), Double.NaN, Double.NaN);
    }
    double q =
        new TDistribution(null, arm.recipients() - 1.0).inverseCumulativeProbability(1 - ALPHA / 2);
    return Estimate.around(
        arm.revenuePerRecipient(), q * Math.sqrt(arm.revenueVariance() / arm.recipients()));
  }

  /**
   * Relative lift {@code mt / mc - 1} with a delta-method interval: Var(mt / mc) ~ Var(mt) / mc^2 +
   * mt^2 Var(mc) / mc^4, for independent arms. Null when {@code mc} is 0.
   */
  static Estimate relative(double mt, double varMt, double mc, double varMc) {
    if (mc == 0) {
      return new Estimate(null, null, null);
    }
    double ratio = mt / mc;
    double se = Math.sqrt(varMt / (mc * mc) + mt * mt * varMc / (mc * mc * mc * mc));
    return Estimate.around(ratio - 1, Z * se);
  }

  /** The chance that a two-sided test at {@link #ALPHA} rejects if the true effect is {@code d}. */
  static double power(double d, double se) {
    if (se == 0) {
      return d == 0 ? ALPHA : 1;
    }
    double shift = Math.abs(d) / se;
    return NORMAL.cumulativeProbability(shift - Z) + NORMAL.cumulativeProbability(-shift - Z);
  }

  private static StatisticalSummaryValues summary(double mean, double variance, long n) {
    return new StatisticalSummaryValues(mean, variance, n, Double.NaN, Double.NaN, mean * n);
  }

  private static void requireRecipients(ArmSummary t, ArmSummary c) {
    if (t.recipients() == 0 || c.recipients() == 0) {
      throw new IllegalArgumentException(
          "both arms need recipients: treatment=" + t.recipients() + ", control=" + c.recipients());
    }
  }
}
