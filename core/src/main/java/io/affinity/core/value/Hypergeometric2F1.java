package io.affinity.core.value;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1, summed as its power series.
 *
 * <p>The BG/NBD conditional expectation needs it with z = t / (alpha + T + t), which stays below 1
 * for any finite horizon t. The ratio of successive terms tends to z, so the series converges
 * geometrically; summation stops when a term no longer changes the sum in double precision.
 */
final class Hypergeometric2F1 {
  private static final int MAX_TERMS = 1_000_000;

  private Hypergeometric2F1() {}

  /**
   * 2F1(a, b; c; z).
   *
   * @throws IllegalArgumentException if z is outside [0, 1) or c is 0 or a negative integer
   */
  static double value(double a, double b, double c, double z) {
    if (!(z >= 0 && z < 1)) {
      throw new IllegalArgumentException("z must be in [0, 1), got " + z);
    }
    // The series converges for |z| < 1 whatever c is, except at the poles c = 0, -1, -2, ...
    if (!(c > 0) && Math.abs(c - Math.rint(c)) < 1e-9) {
      throw new IllegalArgumentException("c must not be 0 or a negative integer, got " + c);
    }
    double term = 1;
    double sum = 1;
    for (int n = 0; n < MAX_TERMS; n++) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
      double next = sum + term;
      // Stop once the terms shrink (past the peak) and no longer move the sum.
      if (next == sum && (a + n) * (b + n) / ((c + n) * (n + 1)) * z < 1) {
        return next;
      }
      sum = next;
    }
    return sum;
  }
}
