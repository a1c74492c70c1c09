package io.affinity.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class BgNbdTest {
  /** The CDNOW estimates of Fader, Hardie and Lee (2005), weeks as the time unit. */
  private static final BgNbd CDNOW = new BgNbd(0.243, 4.414, 0.793, 2.426);

  @Test
  void conditionalExpectationMatchesThePaperExample() {
    // Section 5 of the paper: a customer with x = 2, t_x = 30.43, T = 38.86 weeks is expected to
    // make 1.226 purchases in the next 39 weeks.
    assertThat(CDNOW.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.001));
  }

  @Test
  void aCustomerSilentForLongIsLikelyGone() {
    double recent = CDNOW.probabilityAlive(4, 38, 39);
    double silent = CDNOW.probabilityAlive(4, 5, 39);
    // 1 / (1 + 0.793 / (2.426 + 3) * (43.414 / 42.414)^4.243) = 1 / (1 + 0.1461 * 1.1042) = 0.861
    assertThat(recent).isCloseTo(0.861, within(0.001));
    assertThat(silent).isLessThan(0.2);
    // Nobody with a single purchase has dropped out yet in BG/NBD.
    assertThat(CDNOW.probabilityAlive(0, 0, 39)).isEqualTo(1.0);
    // A gone customer buys nothing: no purchase next year is likelier for the silent one.
    assertThat(CDNOW.probabilityNoPurchase(52, 4, 5, 39))
        .isGreaterThan(CDNOW.probabilityNoPurchase(52, 4, 38, 39));
  }

  @Test
  void hypergeometricMatchesAClosedForm() {
    // 2F1(1, 1; 2; z) = -ln(1 - z) / z
    for (double z : new double[] {0.01, 0.3, 0.7, 0.95}) {
      assertThat(Hypergeometric2F1.value(1, 1, 2, z))
          .isCloseTo(-Math.log(1 - z) / z, within(1e-10));
    }
  }

  @Test
  void maximumLikelihoodRecoversTheParametersOfSimulatedCustomers() {
    BgNbd truth = new BgNbd(0.8, 40, 0.8, 2.5);
    List<RepeatHistory> customers = simulate(truth, 10_000, new Well19937c(42));

    BgNbd fitted = ModelFitter.fitBgNbd(customers);

    assertThat(fitted.r()).isCloseTo(truth.r(), within(0.15 * truth.r()));
    assertThat(fitted.alpha()).isCloseTo(truth.alpha(), within(0.15 * truth.alpha()));
    assertThat(fitted.a()).isCloseTo(truth.a(), within(0.25 * truth.a()));
    assertThat(fitted.b()).isCloseTo(truth.b(), within(0.25 * truth.b()));
    // And the fit explains the data at least as well as the truth does.
    assertThat(logLikelihood(fitted, customers))
        .isGreaterThanOrEqualTo(logLikelihood(truth, customers));
  }

  /**
   * Customers drawn from BG/NBD: first purchase at 0, observed for T days (180 to 720), Poisson
   * purchases at rate lambda ~ Gamma(r, alpha), dropping out after each repeat purchase with
   * probability p ~ Beta(a, b).
   */
  static List<RepeatHistory> simulate(BgNbd model, int n, RandomGenerator random) {
    GammaDistribution rates = new GammaDistribution(random, model.r(), 1 / model.alpha());
    BetaDistribution dropouts = new BetaDistribution(random, model.a(), model.b());
    List<RepeatHistory> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double lambda = rates.sample();
      double p = dropouts.sample();
      double bigT = 180 + random.nextInt(541);
      double t = 0;
      double tx = 0;
      int x = 0;
      while (true) {
        t += -Math.log(1 - random.nextDouble()) / lambda;
        if (t > bigT) {
          break;
        }
        x++;
        tx = t;
        if (random.nextDouble() < p) {
          break;
        }
      }
      out.add(new RepeatHistory(x, tx, bigT, 10));
    }
    return out;
  }

  private static double logLikelihood(BgNbd model, List<RepeatHistory> customers) {
    return customers.stream().mapToDouble(h -> model.logLikelihood(h.x(), h.tx(), h.bigT())).sum();
  }
}
