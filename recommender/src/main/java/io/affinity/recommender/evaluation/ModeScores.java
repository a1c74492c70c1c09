package io.affinity.recommender.evaluation;

import java.util.Arrays;
import java.util.BitSet;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Collects one algorithm's per-user metrics in one mode, at every cutoff, and the items it
 * recommended (for coverage). Users are slots {@code 0..capacity-1} (the index of the test user); a
 * slot is either scored once or skipped. Safe for concurrent {@link #add} to different slots.
 */
final class ModeScores {
  private final Mode mode;
  private final int[] ks;
  private final int catalogueSize;
  // [cutoff][metric][slot], NaN for a skipped slot
  private final double[][][] values;
  private final BitSet[] recommended;
  private long slotsFilled;
  private long slotsProposed;

  ModeScores(Mode mode, int[] ks, int capacity, int catalogueSize) {
    this.mode = mode;
    this.ks = ks.clone();
    this.catalogueSize = catalogueSize;
    this.values = new double[ks.length][Metric.values().length][capacity];
    for (double[][] byMetric : values) {
      for (double[] slots : byMetric) {
        Arrays.fill(slots, Double.NaN);
      }
    }
    this.recommended = new BitSet[ks.length];
    for (int c = 0; c < ks.length; c++) {
      recommended[c] = new BitSet(catalogueSize);
    }
  }

  /** Scores {@code answer} (of length at least the largest k) against {@code truth}. */
  void add(int slot, Candidates.Answer answer, int[] truth) {
    int[] ranked = answer.items();
    for (int c = 0; c < ks.length; c++) {
      double[] v = RankingMetrics.at(ranked, truth, ks[c]);
      for (int m = 0; m < v.length; m++) {
        values[c][m][slot] = v[m];
      }
    }
    synchronized (this) {
      for (int c = 0; c < ks.length; c++) {
        for (int i = 0; i < Math.min(ks[c], ranked.length); i++) {
          recommended[c].set(ranked[i]);
        }
      }
      slotsFilled += ranked.length;
      slotsProposed += Math.min(answer.proposed(), ranked.length);
    }
  }

  /** The per-user values of {@code metric} at the {@code c}-th cutoff; NaN where skipped. */
  double[] perUser(int c, Metric metric) {
    return values[c][metric.ordinal()];
  }

  /** Means with 95% confidence intervals, and coverage, at every cutoff. */
  synchronized ModeResult result() {
    ModeResult.Cutoff[] cutoffs = new ModeResult.Cutoff[ks.length];
    int users = 0;
    for (int c = 0; c < ks.length; c++) {
      ModeResult.Stat[] stats = new ModeResult.Stat[Metric.values().length];
      for (Metric m : Metric.values()) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values[c][m.ordinal()]) {
          if (!Double.isNaN(v)) {
            s.addValue(v);
          }
        }
        users = (int) s.getN();
        stats[m.ordinal()] = new ModeResult.Stat(s.getMean(), halfWidth95(s));
      }
      cutoffs[c] =
          new ModeResult.Cutoff(
              ks[c], stats, (double) recommended[c].cardinality() / catalogueSize);
    }
    double proposedShare = slotsFilled == 0 ? Double.NaN : (double) slotsProposed / slotsFilled;
    return new ModeResult(mode, users, proposedShare, java.util.List.of(cutoffs));
  }

  /** Half the width of the 95% confidence interval of the mean (Student's t). */
  static double halfWidth95(SummaryStatistics s) {
    if (s.getN() < 2) {
      return Double.NaN;
    }
    double t = new TDistribution(s.getN() - 1).inverseCumulativeProbability(0.975);
    return t * s.getStandardDeviation() / Math.sqrt(s.getN());
  }
}
