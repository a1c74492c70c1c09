package io.affinity.service.cli;

import io.affinity.core.value.HoldoutReport;
import java.util.Locale;

/** A holdout check of the CLV model as Markdown, for the docs. */
final class HoldoutText {
  private HoldoutText() {}

  static String of(HoldoutReport r) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Calibration: events before %s; holdout: %s to %s (%.0f days)%n"
                + "Customers predicted (calibration buyers): %,d%n"
                + "BG/NBD: %s%nGamma-Gamma: %s%n%n",
            r.cutoff(),
            r.cutoff(),
            r.end(),
            r.horizonDays(),
            r.customers(),
            r.bgNbd(),
            r.gammaGamma()));
    out.append("| measure | purchase days | spend |\n| --- | ---: | ---: |\n");
    out.append(
        String.format(
            Locale.ROOT,
            "| actual, total | %,.0f | %,.2f |%n| predicted, total | %,.1f | %,.2f |%n"
                + "| aggregate error | %+.1f%% | %+.1f%% |%n"
                + "| MAE per customer | %.3f | %,.2f |%n| RMSE per customer | %.3f | |%n"
                + "| MAE of the naive forecast (previous period repeats) | %.3f | |%n%n",
            r.actualPurchases(),
            r.actualSpend(),
            r.predictedPurchases(),
            r.predictedSpend(),
            100 * (r.predictedPurchases() - r.actualPurchases()) / r.actualPurchases(),
            100 * (r.predictedSpend() - r.actualSpend()) / r.actualSpend(),
            r.maePurchases(),
            r.maeSpend(),
            r.rmsePurchases(),
            r.naiveMaePurchases()));
    out.append(
        "| decile (by prediction) | customers | mean predicted | mean actual |"
            + " mean predicted spend | mean actual spend |\n");
    out.append("| ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (HoldoutReport.Decile d : r.deciles()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %d | %,d | %.3f | %.3f | %,.2f | %,.2f |%n",
              d.decile(),
              d.customers(),
              d.meanPredicted(),
              d.meanActual(),
              d.meanPredictedSpend(),
              d.meanActualSpend()));
    }
    return out.toString();
  }
}
