package io.affinity.recommender.evaluation;

import java.util.List;

/**
 * One algorithm's result in one mode.
 *
 * @param users customers scored
 * @param proposedShare of all list slots, the share the algorithm filled itself (the rest is the
 *     shared popularity fill of {@link Candidates})
 */
public record ModeResult(Mode mode, int users, double proposedShare, List<Cutoff> cutoffs) {
  /** A mean over users and the half width of its 95% confidence interval. */
  public record Stat(double mean, double ci95) {}

  /**
   * The metrics at cutoff {@code k}.
   *
   * @param stats indexed by {@link Metric#ordinal()}
   * @param coverage distinct items recommended in anyone's top k, over the catalogue size
   */
  public record Cutoff(int k, Stat[] stats, double coverage) {
    /** The mean and interval of {@code metric}. */
    public Stat stat(Metric metric) {
      return stats[metric.ordinal()];
    }
  }

  /** The metrics at cutoff {@code k}. */
  public Cutoff at(int k) {
    return cutoffs.stream()
        .filter(c -> c.k() == k)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no cutoff " + k));
  }
}
