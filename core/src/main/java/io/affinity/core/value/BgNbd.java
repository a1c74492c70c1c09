package io.affinity.core.value;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * The BG/NBD model of repeat buying (Fader, Hardie and Lee 2005, "Counting your customers the easy
 * way"): while alive, a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha);
 * after each purchase they drop out with probability p ~ Beta(a, b).
 *
 * <p>A customer's history is summarised by x (repeat transactions), t_x (time of the last
 * transaction since the first) and T (time since the first transaction), all in the same unit (days
 * here).
 *
 * @param r shape of the purchase-rate distribution
 * @param alpha scale of the purchase-rate distribution (in time units)
 * @param a first shape of the drop-out distribution
 * @param b second shape of the drop-out distribution
 */
@io.micronaut.serde.annotation.Serdeable
public record BgNbd(double r, double alpha, double a, double b) {

  /** Checks that every parameter is positive. */
  public BgNbd {
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) {
      throw new IllegalArgumentException(
          "BG/NBD parameters must be positive: r=" + r + " alpha=" + alpha + " a=" + a + " b=" + b);
    }
  }

  /** The log-likelihood of one customer's (x, t_x, T): equation (6) of the paper, in logs. */
  public double logLikelihood(double x, double tx, double bigT) {
    double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
    double a2 = Beta.logBeta(a, b + x) - Beta.logBeta(a, b);
    double a3 = -(r + x) * Math.log(alpha + bigT);
    if (x <= 0) {
      return a1 + a2 + a3;
    }
    double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
    double max = Math.max(a3, a4);
    return a1 + a2 + max + Math.log(Math.exp(a3 - max) + Math.exp(a4 - max));
  }

  /**
   * The odds term of the paper's conditional formulas: (a / (b + x - 1)) ((alpha + T) / (alpha +
   * t_x))^(r + x) when x > 0, else 0.
   */
  private double deadOdds(double x, double tx, double bigT) {
    if (x <= 0) {
      return 0;
    }
    return Math.exp(Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + bigT) / (alpha + tx)));
  }

  /** P(alive at T | x, t_x, T): equation (11) of the paper. */
  public double probabilityAlive(double x, double tx, double bigT) {
    return 1 / (1 + deadOdds(x, tx, bigT));
  }

  /**
   * The expected number of transactions in (T, T + t] given the history: equation (10) of the
   * paper.
   */
  public double expectedPurchases(double t, double x, double tx, double bigT) {
    if (t <= 0) {
      return 0;
    }
    double z = t / (alpha + bigT + t);
    double hyp = Hypergeometric2F1.value(r + x, b + x, a + b + x - 1, z);
    double power = Math.exp((r + x) * Math.log((alpha + bigT) / (alpha + bigT + t)));
    double numerator = (a + b + x - 1) / (a - 1) * (1 - power * hyp);
    return numerator / (1 + deadOdds(x, tx, bigT));
  }

  /**
   * The probability of no transaction in (T, T + t] given the history: dead, or alive with no
   * purchase. While alive the rate's posterior is Gamma(r + x, alpha + T), and a customer drops out
   * only right after a purchase, so an alive customer makes none with probability ((alpha + T) /
   * (alpha + T + t))^(r + x).
   */
  public double probabilityNoPurchase(double t, double x, double tx, double bigT) {
    double alive = probabilityAlive(x, tx, bigT);
    double none = Math.exp((r + x) * Math.log((alpha + bigT) / (alpha + bigT + t)));
    return (1 - alive) + alive * none;
  }

  /** The expected number of transactions of a new customer in (0, t]: equation (9). */
  public double expectedPurchasesNewCustomer(double t) {
    double z = t / (alpha + t);
    double hyp = Hypergeometric2F1.value(r, b, a + b - 1, z);
    return (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * hyp);
  }
}
