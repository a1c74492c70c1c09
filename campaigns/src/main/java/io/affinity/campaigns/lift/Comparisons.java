package io.affinity.campaigns.lift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds a {@link Comparison} from two arm summaries, with the warnings a reader needs. */
final class Comparisons {
  private Comparisons() {}

  static Comparison compare(
      String group, String treatmentArm, ArmSummary t, ArmSummary c, boolean cuped) {
    List<String> warnings = new ArrayList<>();
    ConversionLift conversion = null;
    RevenueLift revenue = null;
    if (t.recipients() == 0 || c.recipients() == 0) {
      warnings.add(
          c.recipients() == 0
              ? "No control recipients: lift cannot be measured."
              : "No treatment recipients.");
    } else {
      conversion = LiftStatistics.conversion(t, c);
      if (conversion.underpowered()) {
        warnings.add(
            String.format(
                Locale.ROOT,
                "Conversion: with these arm sizes only a lift of %.2f points is detected with 80%%"
                    + " power; the observed %.2f points may be noise.",
                100 * conversion.minimumDetectableEffect(),
                100 * conversion.absoluteLift().value()));
      }
      if (t.recipients() >= 2 && c.recipients() >= 2) {
        revenue = LiftStatistics.revenue(t, c, cuped);
        if (revenue.underpowered() && revenue.minimumDetectableEffect() != null) {
          warnings.add(
              String.format(
                  Locale.ROOT,
                  "Revenue per recipient: only a lift of %.2f is detected with 80%% power; the"
                      + " observed %.2f may be noise.",
                  revenue.minimumDetectableEffect(),
                  revenue.absoluteLift().value()));
        }
      } else {
        warnings.add("Fewer than two recipients in an arm: no revenue test.");
      }
    }
    return new Comparison(
        group,
        ArmFigures.of(treatmentArm, t),
        ArmFigures.of(CampaignFacts.CONTROL, c),
        conversion,
        revenue,
        warnings);
  }
}
