package io.affinity.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class GammaGammaTest {
  @Test
  void expectedValueShrinksACustomerTowardsThePopulationMean() {
    // CDNOW estimates of Fader, Hardie and Lee: p = 6.25, q = 3.74, gamma = 15.44.
    GammaGamma model = new GammaGamma(6.25, 3.74, 15.44);
    // Population mean p gamma / (q - 1) = 6.25 * 15.44 / 2.74 = 35.22
    assertThat(model.populationMean()).isCloseTo(35.22, within(0.01));
    // One transaction of 100: (15.44 + 100) * 6.25 / (6.25 + 2.74) = 721.5 / 8.99 = 80.26
    assertThat(model.expectedValue(1, 100)).isCloseTo(80.26, within(0.01));
    // Ten of them: closer to the customer's own mean: (15.44 + 1000) * 6.25 / 65.24 = 97.28
    assertThat(model.expectedValue(10, 100)).isCloseTo(97.28, within(0.01));
  }

  @Test
  void maximumLikelihoodRecoversTheMeanSpendOfSimulatedCustomers() {
    GammaGamma truth = new GammaGamma(6, 4, 15);
    RandomGenerator random = new Well19937c(7);
    GammaDistribution nus = new GammaDistribution(random, truth.q(), 1 / truth.gamma());
    List<RepeatHistory> customers = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      double nu = nus.sample();
      GammaDistribution spend = new GammaDistribution(random, truth.p(), 1 / nu);
      int n = 2 + random.nextInt(9);
      double sum = 0;
      for (int k = 0; k < n; k++) {
        sum += spend.sample();
      }
      customers.add(new RepeatHistory(n - 1, 0, 0, sum / n));
    }

    GammaGamma fitted = ModelFitter.fitGammaGamma(customers);

    // p is weakly identified from means alone (it shows only in how their spread shrinks with
    // more transactions), so its band is wider than that of the mean spend.
    assertThat(fitted.p()).isCloseTo(truth.p(), within(0.25 * truth.p()));
    assertThat(fitted.q()).isCloseTo(truth.q(), within(0.25 * truth.q()));
    assertThat(fitted.gamma()).isCloseTo(truth.gamma(), within(0.3 * truth.gamma()));
    assertThat(ll(fitted, customers)).isGreaterThanOrEqualTo(ll(truth, customers));
    assertThat(fitted.populationMean())
        .isCloseTo(truth.populationMean(), within(0.05 * truth.populationMean()));
  }

  private static double ll(GammaGamma m, List<RepeatHistory> cs) {
    return cs.stream().mapToDouble(h -> m.logLikelihood(h.x() + 1, h.meanValue())).sum();
  }
}
