package io.affinity.campaigns.lift;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A point estimate with its 95% confidence interval; each value is null where it is undefined (a
 * relative lift over a control that converted nobody, say).
 *
 * @param value the estimate
 * @param low lower bound of the 95% interval
 * @param high upper bound of the 95% interval
 */
@Serdeable
public record Estimate(@Nullable Double value, @Nullable Double low, @Nullable Double high) {
  /** An estimate and its interval; NaN or infinite values become null. */
  public static Estimate of(double value, double low, double high) {
    return new Estimate(finite(value), finite(low), finite(high));
  }

  /** {@code value +/- halfWidth}. */
  public static Estimate around(double value, double halfWidth) {
    return of(value, value - halfWidth, value + halfWidth);
  }

  /** This estimate times {@code factor} (a rate difference into a count, say). */
  public Estimate times(double factor) {
    return new Estimate(
        value == null ? null : value * factor,
        low == null ? null : low * factor,
        high == null ? null : high * factor);
  }

  /** Whether the interval holds {@code x}; false when it is undefined. */
  public boolean covers(double x) {
    return low != null && high != null && low <= x && x <= high;
  }

  /** {@code x}, or null when it is NaN or infinite (JSON has no NaN). */
  static Double finite(double x) {
    return Double.isFinite(x) ? x : null;
  }
}
