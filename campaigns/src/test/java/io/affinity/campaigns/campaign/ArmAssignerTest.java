package io.affinity.campaigns.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class ArmAssignerTest {
  private static final List<Variant> AB =
      List.of(new Variant("A", 1, 1, 1), new Variant("B", 2, 1, 3));

  /** The central interval holding all but one in a million of Binomial(n, p) outcomes. */
  private static int[] bounds(int n, double p) {
    BinomialDistribution d = new BinomialDistribution(n, p);
    return new int[] {
      d.inverseCumulativeProbability(5e-7), d.inverseCumulativeProbability(1 - 5e-7)
    };
  }

  @Test
  void theControlShareIsBinomialAroundThePercentage() {
    int n = 100_000;
    for (long seed : new long[] {1, 42, -7}) {
      ArmAssigner a = new ArmAssigner(seed, new BigDecimal("12.5"), AB);
      int control = 0;
      int b = 0;
      for (long id = 1; id <= n; id++) {
        String arm = a.arm(id, false);
        if (arm.equals(ArmAssigner.CONTROL)) {
          control++;
        } else if (arm.equals("B")) {
          b++;
        }
      }
      int[] c = bounds(n, 0.125);
      assertThat(control).as("control with seed %s", seed).isBetween(c[0], c[1]);
      int[] v = bounds(n - control, 0.75);
      assertThat(b).as("variant B (weight 3 of 4)").isBetween(v[0], v[1]);
    }
  }

  @Test
  void theSameSeedGivesTheSameArmsAndAnotherSeedOthers() {
    ArmAssigner a = new ArmAssigner(99, BigDecimal.valueOf(50), AB);
    ArmAssigner same = new ArmAssigner(99, BigDecimal.valueOf(50), AB);
    ArmAssigner other = new ArmAssigner(100, BigDecimal.valueOf(50), AB);
    int differ = 0;
    for (long id = 1; id <= 1000; id++) {
      assertThat(same.arm(id, false)).isEqualTo(a.arm(id, false));
      differ += a.arm(id, false).equals(other.arm(id, false)) ? 0 : 1;
    }
    assertThat(differ).isGreaterThan(300);
  }

  @Test
  void zeroPercentHasNoControlGroup() {
    ArmAssigner a = new ArmAssigner(5, BigDecimal.ZERO, AB);
    for (long id = 1; id <= 10_000; id++) {
      assertThat(a.arm(id, false)).isNotEqualTo(ArmAssigner.CONTROL);
    }
  }

  @Test
  void aHouseholdKeyAndACustomerKeyWithTheSameNumberDrawIndependently() {
    ArmAssigner a = new ArmAssigner(3, BigDecimal.valueOf(50), AB);
    int same = 0;
    for (long id = 1; id <= 10_000; id++) {
      same +=
          a.arm(id, true).equals(ArmAssigner.CONTROL)
                  == a.arm(id, false).equals(ArmAssigner.CONTROL)
              ? 1
              : 0;
    }
    int[] b = bounds(10_000, 0.5);
    assertThat(same).isBetween(b[0], b[1]);
  }
}
