package io.affinity.recommender.evaluation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Paired comparisons of the first algorithm (ours) with every other, on NDCG and recall at every
 * cutoff and in both modes: per customer, ours minus theirs; the mean, its 95% confidence interval
 * and a two-sided paired t-test. Customers are the same for both (same split, same skipping rule).
 */
final class Comparisons {
  /** The metrics compared. */
  static final List<Metric> METRICS = List.of(Metric.NDCG, Metric.RECALL);

  private Comparisons() {}

  static List<Comparison> againstFirst(Map<String, Map<Mode, ModeScores>> scores, int[] ks) {
    List<Comparison> out = new ArrayList<>();
    if (scores.size() < 2) {
      return out;
    }
    Iterator<Map.Entry<String, Map<Mode, ModeScores>>> it = scores.entrySet().iterator();
    Map<Mode, ModeScores> ours = it.next().getValue();
    while (it.hasNext()) {
      Map.Entry<String, Map<Mode, ModeScores>> other = it.next();
      for (Mode mode : Mode.values()) {
        for (int c = 0; c < ks.length; c++) {
          for (Metric metric : METRICS) {
            out.add(
                compare(
                    other.getKey(),
                    mode,
                    ks[c],
                    metric,
                    ours.get(mode).perUser(c, metric),
                    other.getValue().get(mode).perUser(c, metric)));
          }
        }
      }
    }
    return out;
  }

  /** Compares the paired values {@code a} (ours) and {@code b}, skipping NaN pairs. */
  static Comparison compare(String other, Mode mode, int k, Metric metric, double[] a, double[] b) {
    SummaryStatistics diff = new SummaryStatistics();
    SummaryStatistics sa = new SummaryStatistics();
    SummaryStatistics sb = new SummaryStatistics();
    List<double[]> pairs = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
        diff.addValue(a[i] - b[i]);
        sa.addValue(a[i]);
        sb.addValue(b[i]);
        pairs.add(new double[] {a[i], b[i]});
      }
    }
    double p = Double.NaN;
    if (pairs.size() >= 2 && diff.getStandardDeviation() > 0) {
      double[] x = pairs.stream().mapToDouble(q -> q[0]).toArray();
      double[] y = pairs.stream().mapToDouble(q -> q[1]).toArray();
      p = new TTest().pairedTTest(x, y);
    } else if (pairs.size() >= 2) {
      p = diff.getMean() == 0 ? 1.0 : 0.0; // identical differences: no variance
    }
    return new Comparison(
        other,
        mode,
        k,
        metric,
        (int) diff.getN(),
        sa.getMean(),
        sb.getMean(),
        diff.getMean(),
        ModeScores.halfWidth95(diff),
        p);
  }
}
