package io.affinity.campaigns.lift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Simulated campaigns, seeded: the tests and intervals must keep their promises. With 1,000
 * campaigns a rate of 5% has a standard error of 0.69 points, so +/- 1.5 points is over two
 * standard errors of room for a correct method, and a wrong one (a pooled interval, a z instead of
 * a t, a one-sided p) falls outside.
 */
class LiftSimulationTest {
  private static final int CAMPAIGNS = 1000;
  private static final int PER_ARM = 2000;

  /** How often tests rejected and intervals covered the true effect over the simulations. */
  private record Rates(
      double conversionRejected,
      double conversionCovered,
      double revenueRejected,
      double revenueCovered) {}

  private static Rates simulate(long seed, double controlRate, double treatmentRate) {
    SplittableRandom random = new SplittableRandom(seed);
    double trueConversion = treatmentRate - controlRate;
    double trueRevenue =
        SimulatedArm.expectedRevenue(treatmentRate) - SimulatedArm.expectedRevenue(controlRate);
    int convRejected = 0;
    int convCovered = 0;
    int revRejected = 0;
    int revCovered = 0;
    for (int i = 0; i < CAMPAIGNS; i++) {
      ArmSummary t = SimulatedArm.draw(random, PER_ARM, treatmentRate);
      ArmSummary c = SimulatedArm.draw(random, PER_ARM, controlRate);
      ConversionLift conversion = LiftStatistics.conversion(t, c);
      RevenueLift revenue = LiftStatistics.revenue(t, c, false);
      convRejected += conversion.pValue() < 0.05 ? 1 : 0;
      convCovered += conversion.absoluteLift().covers(trueConversion) ? 1 : 0;
      revRejected += revenue.pValue() < 0.05 ? 1 : 0;
      revCovered += revenue.absoluteLift().covers(trueRevenue) ? 1 : 0;
    }
    return new Rates(
        (double) convRejected / CAMPAIGNS,
        (double) convCovered / CAMPAIGNS,
        (double) revRejected / CAMPAIGNS,
        (double) revCovered / CAMPAIGNS);
  }

  @Test
  void withNoTrueEffectFivePercentAreFalsePositivesAndIntervalsCoverZero() {
    Rates aa = simulate(20241122L, 0.10, 0.10);

    assertThat(aa.conversionRejected())
        .as("conversion false positives")
        .isCloseTo(0.05, within(0.015));
    assertThat(aa.revenueRejected()).as("revenue false positives").isCloseTo(0.05, within(0.015));
    assertThat(aa.conversionCovered()).as("conversion coverage").isCloseTo(0.95, within(0.015));
    assertThat(aa.revenueCovered()).as("revenue coverage").isCloseTo(0.95, within(0.015));
  }

  @Test
  void withAPlantedEffectIntervalsStillCoverTheTruthAndMostTestsDetectIt() {
    // 10% -> 13% conversion with 2,000 per arm: power about 0.82 for conversion
    Rates planted = simulate(7L, 0.10, 0.13);

    assertThat(planted.conversionCovered())
        .as("conversion coverage")
        .isCloseTo(0.95, within(0.015));
    assertThat(planted.revenueCovered()).as("revenue coverage").isCloseTo(0.95, within(0.015));
    assertThat(planted.conversionRejected()).as("conversion power").isGreaterThan(0.75);
    assertThat(planted.revenueRejected()).as("revenue power").isGreaterThan(0.6);
  }

  @Test
  void aLargePlantedEffectIsDetectedInOneCampaign() {
    SplittableRandom random = new SplittableRandom(99);
    ArmSummary t = SimulatedArm.draw(random, 5000, 0.12);
    ArmSummary c = SimulatedArm.draw(random, 5000, 0.08);

    ConversionLift conversion = LiftStatistics.conversion(t, c);
    RevenueLift revenue = LiftStatistics.revenue(t, c, false);

    assertThat(conversion.pValue()).isLessThan(0.001);
    assertThat(conversion.absoluteLift().covers(0.04)).isTrue();
    assertThat(conversion.absoluteLift().low()).isGreaterThan(0);
    assertThat(conversion.underpowered()).isFalse();
    assertThat(revenue.pValue()).isLessThan(0.001);
    assertThat(revenue.absoluteLift().low()).isGreaterThan(0);
    assertThat(revenue.incrementalRevenue().value())
        .isCloseTo(
            5000 * (SimulatedArm.expectedRevenue(0.12) - SimulatedArm.expectedRevenue(0.08)),
            within(2500.0));
  }

  @Test
  void aTinyEffectOnASmallSampleIsFlaggedAsUnderpowered() {
    SplittableRandom random = new SplittableRandom(5);
    ConversionLift lift =
        LiftStatistics.conversion(
            SimulatedArm.draw(random, 300, 0.105), SimulatedArm.draw(random, 300, 0.10));
    assertThat(lift.underpowered()).isTrue();
    assertThat(lift.minimumDetectableEffect()).isGreaterThan(0.06);
  }
}
