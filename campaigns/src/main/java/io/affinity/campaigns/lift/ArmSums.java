package io.affinity.campaigns.lift;

/** Running sums of one arm while attribution rows arrive; {@link #summary()} freezes them. */
final class ArmSums {
  long recipients;
  long conversions;
  long orders;
  double revenue;
  double revenueSq;
  double pre;
  double preSq;
  double preRevenue;

  ArmSummary summary() {
    return new ArmSummary(
        recipients, conversions, orders, revenue, revenueSq, pre, preSq, preRevenue);
  }
}
