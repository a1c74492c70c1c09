package io.affinity.campaigns.lift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * A campaign small enough to work out by hand. Treatment: 10 recipients, 4 bought for 10, 20, 30
 * and 40 (5 orders), 6 bought nothing. Control: 10 recipients, 2 bought for 10 and 30 (2 orders).
 * The expected values were worked out below and checked with scipy.stats (norm.sf,
 * ttest_ind(equal_var=False), t.ppf).
 */
class LiftStatisticsTest {
  // revenue sums: T 10+20+30+40 = 100, squares 100+400+900+1600 = 3000; C 10+30 = 40, 100+900 =
  // 1000
  private final ArmSummary treatment = ArmSummary.of(10, 4, 5, 100, 3000);
  private final ArmSummary control = ArmSummary.of(10, 2, 2, 40, 1000);

  @Test
  void armFiguresAreTheObviousRatios() {
    assertThat(treatment.conversionRate()).isEqualTo(0.4); // 4 / 10
    assertThat(control.conversionRate()).isEqualTo(0.2); // 2 / 10
    assertThat(treatment.revenuePerRecipient()).isEqualTo(10.0); // 100 / 10
    assertThat(control.revenuePerRecipient()).isEqualTo(4.0); // 40 / 10
    assertThat(treatment.averageOrderValue()).isEqualTo(20.0); // 100 / 5 orders
    assertThat(control.averageOrderValue()).isEqualTo(20.0); // 40 / 2 orders
    // sample variance: (3000 - 100^2/10) / 9 = 2000/9; (1000 - 40^2/10) / 9 = 840/9
    assertThat(treatment.revenueVariance()).isCloseTo(2000.0 / 9, within(1e-9));
    assertThat(control.revenueVariance()).isCloseTo(840.0 / 9, within(1e-9));
  }

  @Test
  void conversionLiftMatchesTheHandCalculation() {
    ConversionLift lift = LiftStatistics.conversion(treatment, control);

    // diff = 0.4 - 0.2 = 0.2; Wald se = sqrt(0.4*0.6/10 + 0.2*0.8/10) = sqrt(0.024 + 0.016) = 0.2
    // 95% interval: 0.2 +/- 1.959964 * 0.2 = [-0.191993, 0.591993]
    assertThat(lift.absoluteLift().value()).isCloseTo(0.2, within(1e-12));
    assertThat(lift.absoluteLift().low()).isCloseTo(-0.191993, within(1e-6));
    assertThat(lift.absoluteLift().high()).isCloseTo(0.591993, within(1e-6));
    // pooled p = 6/20 = 0.3; se0 = sqrt(0.3*0.7*(1/10+1/10)) = sqrt(0.042) = 0.204939
    // z = 0.2 / 0.204939 = 0.975900; two-sided p = 2 * (1 - Phi(0.9759)) = 0.329114
    assertThat(lift.zScore()).isCloseTo(0.975900, within(1e-6));
    assertThat(lift.pValue()).isCloseTo(0.329114, within(1e-6));
    // relative: 0.4/0.2 - 1 = 1; delta se = sqrt(0.024/0.2^2 + 0.4^2*0.016/0.2^4)
    //   = sqrt(0.6 + 1.6) = 1.483240; 1 +/- 1.959964 * 1.483240 = [-1.907096, 3.907096]
    assertThat(lift.relativeLift().value()).isCloseTo(1.0, within(1e-12));
    assertThat(lift.relativeLift().low()).isCloseTo(-1.907096, within(1e-6));
    assertThat(lift.relativeLift().high()).isCloseTo(3.907096, within(1e-6));
    // incremental conversions: 0.2 * 10 treatment recipients = 2, interval scaled by 10
    assertThat(lift.incrementalConversions().value()).isCloseTo(2.0, within(1e-12));
    assertThat(lift.incrementalConversions().low()).isCloseTo(-1.91993, within(1e-5));
    // MDE: (1.959964 + 0.841621) * sqrt(0.2*0.8*(1/10+1/10)) = 2.801585 * 0.178885 = 0.501163
    assertThat(lift.minimumDetectableEffect()).isCloseTo(0.501163, within(1e-6));
    assertThat(lift.underpowered()).isTrue(); // 0.2 < 0.50
    // power at the observed lift: Phi(0.2/0.2 - 1.959964) + Phi(-1 - 1.959964) = 0.170075
    assertThat(lift.power()).isCloseTo(0.170075, within(1e-6));
  }

  @Test
  void revenueLiftMatchesTheHandCalculation() {
    RevenueLift lift = LiftStatistics.revenue(treatment, control, false);

    // diff = 10 - 4 = 6; se = sqrt((2000/9)/10 + (840/9)/10) = sqrt(22.2222 + 9.3333) = 5.617433
    // t = 6 / 5.617433 = 1.068103
    // df = 31.5556^2 / (22.2222^2/9 + 9.3333^2/9) = 15.426386
    // t quantile(0.975, 15.4264) = 2.126330; 6 +/- 2.126330 * 5.617433 = [-5.944516, 17.944516]
    // p = 2 * P(T > 1.068103) = 0.301904 (scipy ttest_ind equal_var=False agrees)
    assertThat(lift.absoluteLift().value()).isCloseTo(6.0, within(1e-12));
    assertThat(lift.tStatistic()).isCloseTo(1.068103, within(1e-6));
    assertThat(lift.degreesOfFreedom()).isCloseTo(15.426386, within(1e-6));
    assertThat(lift.absoluteLift().low()).isCloseTo(-5.944516, within(1e-5));
    assertThat(lift.absoluteLift().high()).isCloseTo(17.944516, within(1e-5));
    assertThat(lift.pValue()).isCloseTo(0.301904, within(1e-6));
    // relative: 10/4 - 1 = 1.5; se = sqrt(22.2222/16 + 100*9.3333/256) = 2.243815
    // 1.5 +/- 1.959964 * 2.243815 = [-2.897804, 5.897804]
    assertThat(lift.relativeLift().value()).isCloseTo(1.5, within(1e-12));
    assertThat(lift.relativeLift().low()).isCloseTo(-2.897804, within(1e-6));
    assertThat(lift.relativeLift().high()).isCloseTo(5.897804, within(1e-6));
    // incremental revenue: 6 * 10 = 60
    assertThat(lift.incrementalRevenue().value()).isCloseTo(60.0, within(1e-9));
    assertThat(lift.cuped()).isNull();
  }

  @Test
  void cupedWithPrePeriodSpendMatchesTheHandCalculation() {
    // Pre-period spend equal to the revenue of each recipient shifted: the adjusted figures are
    // checked on a tiny case. T: pre = (2, 0) revenue = (4, 0); C: pre = (0, 2) revenue = (0, 2).
    // Pooled: pre mean 1, var pre = (8 - 4^2/4)/3 = 4/3; cov = (12 - 4*6/4)/3 = 2; theta = 1.5
    ArmSummary t = new ArmSummary(2, 1, 1, 4, 16, 2, 4, 8);
    ArmSummary c = new ArmSummary(2, 1, 1, 2, 4, 2, 4, 4);
    RevenueLift lift = LiftStatistics.revenue(t, c, true);
    // adjusted means: T 2 - 1.5*(1 - 1) = 2; C 1 - 1.5*(1 - 1) = 1; diff 1
    assertThat(lift.cuped().theta()).isCloseTo(1.5, within(1e-12));
    assertThat(lift.absoluteLift().value()).isCloseTo(1.0, within(1e-12));
    // adjusted var T: 8 - 2*1.5*4 + 2.25*2 = 0.5; C: 2 - 2*1.5*2 + 2.25*2 = 0.5
    // (per arm: var rev T = (16-8)/1 = 8, cov T = (8 - 4)/1 = 4, var pre T = (4-2)/1 = 2, ...)
    // se = sqrt(0.5/2 + 0.5/2) = 0.707107; unadjusted se = sqrt(8/2 + 2/2) = 2.236068
    // variance reduction = 1 - 0.5/5 = 0.9
    assertThat(lift.cuped().varianceReduction()).isCloseTo(0.9, within(1e-12));
    assertThat(lift.tStatistic()).isCloseTo(1 / Math.sqrt(0.5), within(1e-9));
  }

  @Test
  void aControlWithoutConversionsLeavesTheRelativeLiftUndefined() {
    ConversionLift lift =
        LiftStatistics.conversion(
            ArmSummary.of(100, 5, 5, 50, 500),
            ArmSummary.empty().plus(ArmSummary.of(50, 0, 0, 0, 0)));
    assertThat(lift.relativeLift().value()).isNull();
    assertThat(lift.absoluteLift().value()).isCloseTo(0.05, within(1e-12));
  }

  @Test
  void armsWithoutSpreadGiveNoTestInsteadOfNaN() {
    RevenueLift lift =
        LiftStatistics.revenue(ArmSummary.of(5, 0, 0, 0, 0), ArmSummary.of(5, 0, 0, 0, 0), true);
    assertThat(lift.pValue()).isEqualTo(1.0);
    assertThat(lift.absoluteLift().value()).isEqualTo(0.0);
    assertThat(lift.degreesOfFreedom()).isNull();
  }

  @Test
  void anEmptyArmIsRefused() {
    assertThatThrownBy(() -> LiftStatistics.conversion(treatment, ArmSummary.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control=0");
  }
}
