package io.affinity.core.value;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Turns one customer's {@link RawMetrics} into a {@link CustomerMetrics} row, with the population's
 * {@link ValueParameters}: RFM scores and segment, average order value, tenure, historic and
 * predicted CLV, churn probability.
 */
final class MetricsScorer {
  /** One day in milliseconds: recency, tenure and the models count whole UTC days. */
  static final long DAY = 86_400_000L;

  /** The prediction horizon: 12 months. */
  static final double HORIZON_DAYS = 365;

  private MetricsScorer() {}

  /**
   * The row of {@code raw}. Time runs to {@code params.asOf()}, or to the customer's last purchase
   * if that is later (an incremental update after the full run). {@code params} may be null before
   * the first full run: then only the customer's own figures are filled in.
   */
  static CustomerMetrics score(
      RawMetrics raw, ValueParameters params, long fallbackAsOf, long now) {
    long asOf = params != null ? params.asOf() : fallbackAsOf;
    RawMetrics.CampaignResponse response = raw.campaignResponse();
    String channel = raw.channel();
    if (channel != null && channel.length() > 20) {
      channel = channel.substring(0, 20); // the column's width; sources are short codes
    }
    if (!raw.isBuyer()) {
      return new CustomerMetrics(
          raw.customerId(),
          asOf,
          null,
          null,
          null,
          null,
          raw.orders(),
          raw.purchaseDays(),
          money(raw.revenue()),
          null,
          null,
          null,
          null,
          null,
          money(raw.margin()),
          null,
          null,
          null,
          null,
          raw.topCategories(),
          channel,
          response == null ? null : response.type(),
          response == null ? null : response.campaignId(),
          response == null ? null : response.at(),
          now);
    }
    long first = raw.firstPurchaseAt();
    long last = raw.lastPurchaseAt();
    asOf = Math.max(asOf, last);
    long firstDay = Math.floorDiv(first, DAY);
    long lastDay = Math.floorDiv(last, DAY);
    long asOfDay = Math.floorDiv(asOf, DAY);
    BigDecimal revenue = money(raw.revenue());
    BigDecimal aov = revenue.divide(BigDecimal.valueOf(raw.orders()), 2, RoundingMode.HALF_UP);

    Integer r = null;
    Integer f = null;
    Integer m = null;
    String segment = null;
    Double expected = null;
    BigDecimal predicted = null;
    Double churn = null;
    Double alive = null;
    if (params != null) {
      r = params.recency().score(last);
      f = params.frequency().score(raw.orders());
      m = params.monetary().score(revenue.doubleValue());
      segment = RfmSegment.of(r, f).wireName();
      BgNbd bg = params.bgNbd();
      if (bg != null) {
        double x = raw.purchaseDays() - 1;
        double tx = lastDay - firstDay;
        double bigT = asOfDay - firstDay;
        expected = round(bg.expectedPurchases(HORIZON_DAYS, x, tx, bigT));
        alive = round(bg.probabilityAlive(x, tx, bigT));
        churn = round(bg.probabilityNoPurchase(HORIZON_DAYS, x, tx, bigT));
        GammaGamma gg = params.gammaGamma();
        if (gg != null && Double.isFinite(expected)) {
          double n = raw.purchaseDays();
          double spend = gg.expectedValue(n, revenue.doubleValue() / n);
          if (Double.isFinite(spend) && spend > 0) {
            predicted = BigDecimal.valueOf(expected * spend).setScale(2, RoundingMode.HALF_UP);
          }
        }
        if (!Double.isFinite(expected)) {
          expected = null;
        }
      }
    }
    return new CustomerMetrics(
        raw.customerId(),
        asOf,
        first,
        last,
        (int) (asOfDay - lastDay),
        (int) (asOfDay - firstDay),
        raw.orders(),
        raw.purchaseDays(),
        revenue,
        aov,
        r,
        f,
        m,
        segment,
        money(raw.margin()),
        expected,
        predicted,
        churn,
        alive,
        raw.topCategories(),
        channel,
        response == null ? null : response.type(),
        response == null ? null : response.campaignId(),
        response == null ? null : response.at(),
        now);
  }

  private static BigDecimal money(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP);
  }

  /** Six decimals: more would only show the optimiser's noise. */
  private static double round(double value) {
    return Double.isFinite(value) ? Math.round(value * 1e6) / 1e6 : value;
  }
}
