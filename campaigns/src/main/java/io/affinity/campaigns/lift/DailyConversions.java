package io.affinity.campaigns.lift;

import io.micronaut.serde.annotation.Serdeable;

/**
 * An arm's cumulative conversions at the end of each day of the attribution window.
 *
 * @param arm {@code treatment} (all variants) or {@code control}
 * @param recipients the arm's recipients, to turn counts into rates
 * @param cumulative recipients who had bought by the end of day 1, 2, ... of their window
 */
@Serdeable
public record DailyConversions(String arm, long recipients, long[] cumulative) {
  /** Cumulative conversion rates, one per day; zeros without recipients. */
  public double[] rates() {
    double[] r = new double[cumulative.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = recipients == 0 ? 0 : (double) cumulative[i] / recipients;
    }
    return r;
  }
}
