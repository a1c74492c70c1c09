package io.affinity.recommender.evaluation;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Renders an {@link EvaluationReport} as Markdown: protocol, data, tables, comparisons. */
public final class MarkdownReport {
  private static final double MIB = 1024.0 * 1024.0;

  private MarkdownReport() {}

  /** The report as Markdown text. */
  public static String render(EvaluationReport r) {
    StringBuilder md = new StringBuilder();
    SplitSummary s = r.split();
    md.append("# Offline evaluation\n\n");
    line(
        md,
        "Run %s, %.1f s in total, on %d cores (%s), max heap %.0f MiB, %s.",
        DateTimeFormatter.ISO_INSTANT.format(r.startedAt().atOffset(ZoneOffset.UTC)),
        r.totalMillis() / 1000.0,
        r.machine().cores(),
        r.machine().cpu(),
        r.machine().maxHeapBytes() / MIB,
        r.machine().jvm());
    md.append('\n');
    md.append("## Protocol\n\n");
    for (String p : EvaluationReport.PROTOCOL) {
      md.append("- ").append(p).append('\n');
    }
    md.append('\n');
    md.append("## Data\n\n");
    line(
        md,
        "File %s, split at %s%s: %,d lines; outcomes %s.",
        r.file() == null ? "(in memory)" : r.file(),
        s.splitAt(),
        s.testEnd() == null ? "" : ", test period ends at " + s.testEnd(),
        s.lines(),
        s.outcomes());
    line(
        md,
        "Training: %,d purchase lines, %,d customers, %,d items (the catalogue), %,d distinct"
            + " customer-item pairs.",
        s.trainingPurchaseLines(),
        s.users(),
        s.catalogueItems(),
        s.trainingInteractions());
    line(
        md,
        "Test: %,d purchase lines; %,d customers evaluated (all items), %,d with new items;"
            + " %,d customers bought only in the test period (not evaluated); %,d items first sold"
            + " in the test period; %,d (customer, item) truths, %,d of them new.",
        s.testPurchaseLines(),
        s.testUsers(),
        s.testUsersWithNewItems(),
        s.coldTestCustomers(),
        s.testOnlyItems(),
        s.truthItems(),
        s.truthNewItems());
    md.append('\n');
    md.append("## Algorithms\n\n");
    for (AlgorithmResult a : r.algorithms()) {
      md.append("- **").append(a.name()).append("**: ").append(a.description()).append('\n');
    }
    md.append('\n');
    md.append(
        "Means over customers; the 95% confidence intervals of every mean are in the JSON report,"
            + " paired differences against ours below.\n\n");
    for (Mode mode : Mode.values()) {
      md.append("## Results: ").append(mode.label()).append("\n\n");
      table(md, r, mode);
      md.append('\n');
    }
    md.append("## Time and memory\n\n");
    md.append(
        "| algorithm | training s | evaluation s | queries | wall ms per query (parallel) |"
            + " baseline heap MiB | peak heap MiB, training | model heap MiB after training |"
            + " peak heap MiB, training + queries |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (AlgorithmResult a : r.algorithms()) {
      line(
          md,
          "| %s | %.1f | %.1f | %,d | %.2f | %.0f | %.0f | %.0f | %.0f |",
          a.name(),
          a.trainingMillis() / 1000.0,
          a.evaluationMillis() / 1000.0,
          a.queries(),
          a.queries() == 0 ? 0.0 : (double) a.evaluationMillis() / a.queries(),
          a.baselineHeapBytes() / MIB,
          a.peakTrainingHeapBytes() / MIB,
          a.retainedHeapBytes() / MIB,
          a.peakHeapBytes() / MIB);
    }
    md.append('\n');
    if (!r.comparisons().isEmpty()) {
      md.append("## ")
          .append(r.algorithms().get(0).name())
          .append(" against each other algorithm (paired over customers)\n\n");
      md.append(
          "| other | mode | metric | ours | theirs | difference (95% CI) | p (paired t-test) |\n");
      md.append("|---|---|---|---:|---:|---:|---:|\n");
      for (Comparison c : r.comparisons()) {
        line(
            md,
            "| %s | %s | %s@%d | %.4f | %.4f | %+.4f ± %.4f | %s |",
            c.other(),
            c.mode().label(),
            c.metric().key(),
            c.k(),
            c.ours(),
            c.theirs(),
            c.difference(),
            c.ci95(),
            pValue(c.pValue()));
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static void table(StringBuilder md, EvaluationReport r, Mode mode) {
    int[] ks = r.config().ks();
    md.append("| algorithm | customers | own share |");
    for (int k : ks) {
      for (Metric m : Metric.values()) {
        md.append(' ').append(m.key()).append('@').append(k).append(" |");
      }
      md.append(" coverage@").append(k).append(" |");
    }
    md.append('\n').append("|---|---:|---:|");
    for (int k : ks) {
      md.append("---:|".repeat(Metric.values().length + 1));
    }
    md.append('\n');
    for (AlgorithmResult a : r.algorithms()) {
      ModeResult m = a.modes().get(mode);
      md.append(
          String.format(
              Locale.ROOT, "| %s | %,d | %.2f |", a.name(), m.users(), m.proposedShare()));
      for (int k : ks) {
        ModeResult.Cutoff c = m.at(k);
        for (Metric metric : Metric.values()) {
          md.append(String.format(Locale.ROOT, " %.4f |", c.stat(metric).mean()));
        }
        md.append(String.format(Locale.ROOT, " %.3f |", c.coverage()));
      }
      md.append('\n');
    }
  }

  private static String pValue(double p) {
    if (Double.isNaN(p)) {
      return "n/a";
    }
    return p < 1e-4 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
  }

  private static void line(StringBuilder md, String format, Object... args) {
    md.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
