package io.affinity.core.value;

import org.apache.commons.math3.special.Gamma;

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie and Lee 2005, "RFM and CLV: using
 * iso-value curves for customer base analysis"; Fader and Hardie 2013, "The Gamma-Gamma model of
 * monetary value"): a customer's transaction values are Gamma(p, nu) around their own mean, and nu
 * ~ Gamma(q, gamma) across customers. Assumed independent of the purchase process.
 *
 * @param p shape of a transaction value
 * @param q shape of the distribution of nu
 * @param gamma scale of the distribution of nu
 */
@io.micronaut.serde.annotation.Serdeable
public record GammaGamma(double p, double q, double gamma) {

  /** Checks that every parameter is positive. */
  public GammaGamma {
    if (!(p > 0 && q > 0 && gamma > 0)) {
      throw new IllegalArgumentException(
          "Gamma-Gamma parameters must be positive: p=" + p + " q=" + q + " gamma=" + gamma);
    }
  }

  /**
   * The log-likelihood of a customer with {@code x} transactions of mean value {@code m} (m > 0),
   * up to a term that does not depend on the parameters.
   */
  public double logLikelihood(double x, double m) {
    return Gamma.logGamma(p * x + q)
        - Gamma.logGamma(p * x)
        - Gamma.logGamma(q)
        + q * Math.log(gamma)
        + (p * x - 1) * Math.log(m)
        + p * x * Math.log(x)
        - (p * x + q) * Math.log(gamma + m * x);
  }

  /**
   * The expected value of a transaction of a customer with {@code x} transactions of mean {@code
   * m}: a weighted mean of the population mean and the customer's own, {@code (gamma + m x) p / (p
   * x + q - 1)}. With x = 0 it is the population mean {@code p gamma / (q - 1)}.
   */
  public double expectedValue(double x, double m) {
    return (gamma + Math.max(0, m) * x) * p / (p * x + q - 1);
  }

  /** The mean transaction value in the population; infinite unless q > 1. */
  public double populationMean() {
    return q > 1 ? p * gamma / (q - 1) : Double.POSITIVE_INFINITY;
  }
}
