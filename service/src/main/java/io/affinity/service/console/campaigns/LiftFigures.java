package io.affinity.service.console.campaigns;

import io.affinity.campaigns.lift.Comparison;
import io.affinity.campaigns.lift.LiftReport;
import io.affinity.service.console.Formats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lift report as the report page shows it: one table row per comparison (formatted text), and the
 * raw figures of each split for its chart (conversion rate in percent of treatment and control per
 * group), which {@code assets/campaign-charts.js} reads from the chart's {@code data-figures}.
 */
final class LiftFigures {
  private LiftFigures() {}

  /** The table row of {@code c}. */
  static Map<String, Object> row(Comparison c) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("group", c.group());
    r.put("treatmentRecipients", Formats.count(c.treatment().recipients()));
    r.put("controlRecipients", Formats.count(c.control().recipients()));
    r.put("treatmentRate", Formats.percent(c.treatment().conversionRate()));
    r.put("controlRate", Formats.percent(c.control().conversionRate()));
    r.put("treatmentRevenue", Formats.money(c.treatment().revenuePerRecipient()));
    r.put("controlRevenue", Formats.money(c.control().revenuePerRecipient()));
    if (c.conversion() != null) {
      r.put("lift", Formats.percent(c.conversion().absoluteLift().value()));
      r.put(
          "interval",
          Formats.percent(c.conversion().absoluteLift().low())
              + " to "
              + Formats.percent(c.conversion().absoluteLift().high()));
      r.put("p", Formats.decimal(c.conversion().pValue(), 3));
    } else {
      r.put("lift", "-");
      r.put("interval", "-");
      r.put("p", "-");
    }
    r.put("warnings", c.warnings());
    return r;
  }

  /** The table rows of the overall comparison and then each group of {@code report}. */
  static List<Map<String, Object>> rows(LiftReport report) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Comparison c : report.groups()) {
      rows.add(row(c));
    }
    return rows;
  }

  /**
   * The chart's figures: {@code groups} (names), {@code treatment} and {@code control} (conversion
   * rates in percent, null where undefined), {@code title}.
   */
  static Map<String, Object> chart(String title, String treatmentLabel, LiftReport report) {
    List<String> groups = new ArrayList<>();
    List<Double> treatment = new ArrayList<>();
    List<Double> control = new ArrayList<>();
    for (Comparison c : report.groups()) {
      groups.add(c.group());
      treatment.add(percent(c.treatment().conversionRate()));
      control.add(percent(c.control().conversionRate()));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title);
    m.put("treatmentLabel", treatmentLabel);
    m.put("groups", groups);
    m.put("treatment", treatment);
    m.put("control", control);
    return m;
  }

  /** Every warning of the report once, overall first. */
  static List<String> warnings(LiftReport... reports) {
    List<String> all = new ArrayList<>();
    for (LiftReport r : reports) {
      addAll(all, r.overall().warnings(), "Overall");
      for (Comparison c : r.groups()) {
        addAll(all, c.warnings(), c.group());
      }
    }
    return all;
  }

  private static void addAll(List<String> all, List<String> warnings, String where) {
    for (String w : warnings) {
      String line = where + ": " + w;
      if (!all.contains(line)) {
        all.add(line);
      }
    }
  }

  private static Double percent(Double share) {
    return share == null || share.isNaN() ? null : Math.round(share * 10_000) / 100.0;
  }
}
