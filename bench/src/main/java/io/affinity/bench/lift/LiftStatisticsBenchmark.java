package io.affinity.bench.lift;

import io.affinity.campaigns.lift.ArmSummary;
import io.affinity.campaigns.lift.LiftStatistics;
import io.affinity.campaigns.lift.RevenueLift;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.stat.inference.TTest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The statistics of a lift report over 1M recipients (900k treatment, 100k control): {@link
 * LiftStatistics} on the arms' sums against the baseline of Commons Math's Welch test on the raw
 * per-recipient revenue arrays, which is what a report would cost if it pulled one row per
 * recipient out of the database.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LiftStatisticsBenchmark {
  private double[] treatmentRevenue;
  private double[] controlRevenue;
  private ArmSummary treatment;
  private ArmSummary control;

  @Setup
  public void draw() {
    SplittableRandom random = new SplittableRandom(1);
    treatmentRevenue = revenues(random, 900_000, 0.11);
    controlRevenue = revenues(random, 100_000, 0.10);
    treatment = summary(random, treatmentRevenue);
    control = summary(random, controlRevenue);
  }

  private static double[] revenues(SplittableRandom random, int n, double rate) {
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = random.nextDouble() < rate ? Math.exp(3.5 + 0.6 * random.nextGaussian()) : 0;
    }
    return r;
  }

  /** Sums of the arm, with a pre-period spend correlated with revenue. */
  private static ArmSummary summary(SplittableRandom random, double[] revenue) {
    long conversions = 0;
    double y = 0, yy = 0, x = 0, xx = 0, xy = 0;
    for (double r : revenue) {
      double pre = 0.5 * r + 10 * random.nextDouble();
      conversions += r > 0 ? 1 : 0;
      y += r;
      yy += r * r;
      x += pre;
      xx += pre * pre;
      xy += pre * r;
    }
    return new ArmSummary(revenue.length, conversions, conversions, y, yy, x, xx, xy);
  }

  @Benchmark
  public Object summariesConversionAndRevenue() {
    return new Object[] {
      LiftStatistics.conversion(treatment, control),
      LiftStatistics.revenue(treatment, control, false)
    };
  }

  @Benchmark
  public RevenueLift summariesRevenueCuped() {
    return LiftStatistics.revenue(treatment, control, true);
  }

  @Benchmark
  public double baselineRawArraysWelch() {
    return new TTest().tTest(treatmentRevenue, controlRevenue);
  }
}
