package io.affinity.service.api.lift;

import io.affinity.campaigns.lift.ArmFigures;
import io.affinity.campaigns.lift.Comparison;
import io.affinity.campaigns.lift.ConversionLift;
import io.affinity.campaigns.lift.DailyConversions;
import io.affinity.campaigns.lift.Estimate;
import io.affinity.campaigns.lift.ItemClicks;
import io.affinity.campaigns.lift.LiftReport;
import io.affinity.campaigns.lift.RevenueLift;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link LiftReport} into the plain strings and lists the Freemarker template shows: all
 * formatting happens here, so the template only lays out (and escapes) text.
 */
final class ReportView {
  static final String TREATMENT_COLOUR = "#2b6cb0";
  static final String CONTROL_COLOUR = "#a0aec0";

  private ReportView() {}

  /** The template's model of {@code r}; the charts are SVG markup, the rest plain text. */
  static Map<String, Object> of(LiftReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.campaign().name());
    m.put("id", Long.toString(r.campaign().id()));
    m.put("kind", r.campaign().kind());
    m.put("status", r.campaign().status());
    m.put(
        "started",
        r.campaign().startedAt() == null
            ? "-"
            : Instant.ofEpochMilli(r.campaign().startedAt()).toString());
    m.put("days", Integer.toString(r.campaign().attributionDays()));
    m.put("generated", Instant.ofEpochMilli(r.generatedAt()).toString());
    m.put("cuped", r.cuped());
    m.put("by", r.by() == null ? "" : r.by());
    Comparison o = r.overall();
    m.put("arms", arms(o.treatment(), o.control()));
    m.put("lifts", lifts(o));
    m.put("warnings", o.warnings());
    m.put("conversionChart", conversionChart(o));
    m.put("revenueChart", revenueChart(o));
    m.put("dailyChart", dailyChart(r.daily()));
    m.put("groups", groups(r.groups()));
    m.put("clicks", clicks(r.clicks()));
    return m;
  }

  private static List<List<String>> arms(ArmFigures t, ArmFigures c) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Recipients", count(t.recipients()), count(c.recipients())));
    rows.add(List.of("Conversions", count(t.conversions()), count(c.conversions())));
    rows.add(List.of("Conversion rate", pct(t.conversionRate()), pct(c.conversionRate())));
    rows.add(List.of("Orders", count(t.orders()), count(c.orders())));
    rows.add(List.of("Revenue", money(t.revenue()), money(c.revenue())));
    rows.add(
        List.of(
            "Revenue per recipient",
            money(t.revenuePerRecipient()),
            money(c.revenuePerRecipient())));
    rows.add(
        List.of("Average order value", money(t.averageOrderValue()), money(c.averageOrderValue())));
    return rows;
  }

  private static List<List<String>> lifts(Comparison o) {
    List<List<String>> rows = new ArrayList<>();
    ConversionLift cl = o.conversion();
    if (cl != null) {
      rows.add(row("Conversion, absolute (points)", points(cl.absoluteLift()), p(cl.pValue())));
      rows.add(row("Conversion, relative", percents(cl.relativeLift()), ""));
      rows.add(row("Incremental conversions", counts(cl.incrementalConversions()), ""));
      rows.add(
          row(
              "Smallest conversion lift detectable (80% power)",
              pointsOf(cl.minimumDetectableEffect()), ""));
    }
    RevenueLift rl = o.revenuePerRecipient();
    if (rl != null) {
      rows.add(row("Revenue per recipient, absolute", monies(rl.absoluteLift()), p(rl.pValue())));
      rows.add(row("Revenue per recipient, relative", percents(rl.relativeLift()), ""));
      rows.add(row("Incremental revenue", monies(rl.incrementalRevenue()), ""));
      rows.add(
          row(
              "Smallest revenue lift detectable (80% power)",
              money(rl.minimumDetectableEffect()), ""));
      if (rl.cuped() != null && rl.cuped().varianceReduction() != null) {
        rows.add(
            row(
                "CUPED variance reduction",
                pct(rl.cuped().varianceReduction()),
                String.format(Locale.ROOT, "theta %.3f", rl.cuped().theta())));
      }
    }
    return rows;
  }

  private static Object conversionChart(Comparison o) {
    return Html.markup(
        SvgCharts.bars(
            "Conversion rate (95% CI)",
            List.of(
                bar(
                    "treatment",
                    o.treatment().conversionRate(),
                    o.treatment().conversionRateInterval(),
                    TREATMENT_COLOUR),
                bar(
                    "control",
                    o.control().conversionRate(),
                    o.control().conversionRateInterval(),
                    CONTROL_COLOUR)),
            ReportView::pct));
  }

  private static Object revenueChart(Comparison o) {
    return Html.markup(
        SvgCharts.bars(
            "Revenue per recipient (95% CI)",
            List.of(
                bar(
                    "treatment",
                    o.treatment().revenuePerRecipient(),
                    o.treatment().revenuePerRecipientInterval(),
                    TREATMENT_COLOUR),
                bar(
                    "control",
                    o.control().revenuePerRecipient(),
                    o.control().revenuePerRecipientInterval(),
                    CONTROL_COLOUR)),
            ReportView::money));
  }

  private static Object dailyChart(List<DailyConversions> daily) {
    List<SvgCharts.Series> series = new ArrayList<>();
    for (DailyConversions d : daily) {
      series.add(
          new SvgCharts.Series(
              d.arm() + " (" + count(d.recipients()) + ")",
              d.rates(),
              d.arm().equals("control") ? CONTROL_COLOUR : TREATMENT_COLOUR));
    }
    return Html.markup(
        SvgCharts.lines("Cumulative conversion rate by day", series, ReportView::pct));
  }

  private static SvgCharts.Bar bar(String label, Double value, Estimate ci, String colour) {
    return new SvgCharts.Bar(label, value == null ? 0 : value, ci.low(), ci.high(), colour);
  }

  private static List<Map<String, String>> groups(List<Comparison> groups) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Comparison g : groups) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("group", g.group());
      row.put(
          "recipients",
          count(g.treatment().recipients()) + " / " + count(g.control().recipients()));
      row.put(
          "rates", pct(g.treatment().conversionRate()) + " / " + pct(g.control().conversionRate()));
      row.put(
          "conversionLift", g.conversion() == null ? "-" : points(g.conversion().absoluteLift()));
      row.put("conversionP", g.conversion() == null ? "" : p(g.conversion().pValue()));
      row.put(
          "revenueLift",
          g.revenuePerRecipient() == null ? "-" : monies(g.revenuePerRecipient().absoluteLift()));
      row.put(
          "revenueP", g.revenuePerRecipient() == null ? "" : p(g.revenuePerRecipient().pValue()));
      rows.add(row);
    }
    return rows;
  }

  private static List<List<String>> clicks(List<ItemClicks> items) {
    List<List<String>> rows = new ArrayList<>();
    for (ItemClicks i : items) {
      rows.add(
          List.of(
              i.productId() == null ? "-" : i.productId(),
              i.name() == null ? "" : i.name(),
              count(i.clicks()),
              count(i.clickers()),
              count(i.buyers()),
              money(i.revenue())));
    }
    return rows;
  }

  private static List<String> row(String what, String estimate, String p) {
    return List.of(what, estimate, p);
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String pct(Double x) {
    return x == null ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * x);
  }

  static String pct(double x) {
    return pct(Double.valueOf(x));
  }

  static String money(Double x) {
    return x == null ? "-" : String.format(Locale.ROOT, "%,.2f", x);
  }

  static String money(double x) {
    return money(Double.valueOf(x));
  }

  private static String pointsOf(Double x) {
    return x == null ? "-" : String.format(Locale.ROOT, "%.2f", 100 * x);
  }

  private static String p(Double p) {
    if (p == null) {
      return "";
    }
    return p < 0.0001 ? "p < 0.0001" : String.format(Locale.ROOT, "p = %.4f", p);
  }

  private static String points(Estimate e) {
    return interval(e, 100, "%+.2f");
  }

  private static String percents(Estimate e) {
    return interval(e, 100, "%+.1f%%");
  }

  private static String monies(Estimate e) {
    return interval(e, 1, "%+,.2f");
  }

  private static String counts(Estimate e) {
    return interval(e, 1, "%+,.1f");
  }

  private static String interval(Estimate e, double scale, String format) {
    if (e == null || e.value() == null) {
      return "-";
    }
    String v = String.format(Locale.ROOT, format, e.value() * scale);
    if (e.low() == null || e.high() == null) {
      return v;
    }
    return v
        + "  ["
        + String.format(Locale.ROOT, format, e.low() * scale)
        + ", "
        + String.format(Locale.ROOT, format, e.high() * scale)
        + "]";
  }
}
