package io.affinity.service.cli;

import io.affinity.core.value.ValueSummary;
import java.util.Locale;

/** The customer value summary as a Markdown table a marketer can read. */
final class SummaryText {
  private SummaryText() {}

  static String of(ValueSummary s) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nBuyers: %,d; net revenue %,.2f; top 10%% of buyers bring %.1f%% of it%n%n",
            s.buyers(),
            s.revenue(),
            s.topDecileRevenueShare() * 100));
    out.append(
        "| segment | customers | % of customers | revenue | % of revenue |"
            + " predicted 12-month value |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (ValueSummary.Segment seg : s.segments()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %.1f%% | %,.2f | %.1f%% | %s |%n",
              seg.segment(),
              seg.customers(),
              seg.customerShare() * 100,
              seg.revenue(),
              seg.revenueShare() * 100,
              seg.predictedClv12m() == null
                  ? "-"
                  : String.format(Locale.ROOT, "%,.2f", seg.predictedClv12m())));
    }
    if (s.unscored() > 0) {
      out.append(String.format(Locale.ROOT, "%nNot yet scored: %,d buyers%n", s.unscored()));
    }
    return out.toString();
  }
}
