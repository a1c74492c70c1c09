package io.affinity.core.value;

import java.util.Arrays;

/**
 * The four cut points that split a population into quintiles, and the score 1 to 5 they give a
 * value.
 *
 * <p>Cut point k (1 to 4) is the value at position ceil(n k / 5) of the values sorted ascending
 * (the nearest-rank k/5 quantile). A value scores 1 plus the number of cut points it exceeds, so
 * the lowest fifth scores 1 and the highest fifth 5. Ties stay together: when many customers share
 * a value (one order), they all get the same score and the groups are uneven.
 *
 * @param cuts the four cut points, ascending
 */
public record Quintiles(double[] cuts) {

  /** Checks there are four ascending cut points. */
  public Quintiles {
    if (cuts.length != 4) {
      throw new IllegalArgumentException("quintiles need 4 cut points, got " + cuts.length);
    }
    cuts = cuts.clone();
  }

  /**
   * The quintile cut points of {@code values}.
   *
   * @throws IllegalArgumentException if {@code values} is empty
   */
  public static Quintiles of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("quintiles of no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] cuts = new double[4];
    for (int k = 1; k <= 4; k++) {
      int rank = (int) Math.ceil(sorted.length * k / 5.0); // 1-based nearest rank
      cuts[k - 1] = sorted[Math.max(0, rank - 1)];
    }
    return new Quintiles(cuts);
  }

  /** The score of {@code value}: 1 plus the number of cut points strictly below it. */
  public int score(double value) {
    int score = 1;
    for (double cut : cuts) {
      if (value > cut) {
        score++;
      }
    }
    return score;
  }

  @Override
  public double[] cuts() {
    return cuts.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quintiles other && Arrays.equals(cuts, other.cuts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(cuts);
  }

  @Override
  public String toString() {
    return "Quintiles" + Arrays.toString(cuts);
  }
}
