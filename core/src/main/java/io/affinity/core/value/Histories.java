package io.affinity.core.value;

import java.util.ArrayList;
import java.util.List;

/** Turns buyers' raw metrics into the (x, t_x, T, mean value) histories the models fit. */
final class Histories {
  private Histories() {}

  /** The history of {@code raw} (a buyer) observed until {@code asOf}, in whole UTC days. */
  static RepeatHistory of(RawMetrics raw, long asOf) {
    long firstDay = Math.floorDiv(raw.firstPurchaseAt(), MetricsScorer.DAY);
    long lastDay = Math.floorDiv(raw.lastPurchaseAt(), MetricsScorer.DAY);
    long endDay = Math.floorDiv(Math.max(asOf, raw.lastPurchaseAt()), MetricsScorer.DAY);
    int n = Math.max(1, raw.purchaseDays());
    return new RepeatHistory(
        n - 1, lastDay - firstDay, endDay - firstDay, raw.revenue().doubleValue() / n);
  }

  /** The histories of the buyers among {@code raws}. */
  static List<RepeatHistory> of(List<RawMetrics> raws, long asOf) {
    List<RepeatHistory> out = new ArrayList<>(raws.size());
    for (RawMetrics raw : raws) {
      if (raw.isBuyer()) {
        out.add(of(raw, asOf));
      }
    }
    return out;
  }
}
