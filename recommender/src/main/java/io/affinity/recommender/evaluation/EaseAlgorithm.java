package io.affinity.recommender.evaluation;

import io.affinity.core.progress.ProgressListener;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * EASE (Harald Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019), the
 * reference: with {@code X} the binary user x item matrix of the training purchases, {@code P =
 * (X^T X + lambda I)^-1} and {@code B = I - P diag(1 / diag(P))}, that is {@code B[i][j] = -P[i][j]
 * / P[j][j]} and a zero diagonal. A user's scores are {@code x_u B}: the sum of the rows of B of
 * the items they bought. Dense: memory and time grow with the square and the cube of the catalogue,
 * which is fine for a few thousand items.
 */
final class EaseAlgorithm implements Algorithm {
  private final double lambda;
  private TemporalSplit split;
  private int n;
  private double[] weights;

  EaseAlgorithm(double lambda) {
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("lambda must be positive, got " + lambda);
    }
    this.lambda = lambda;
  }

  @Override
  public String name() {
    return "ease";
  }

  @Override
  public String description() {
    return String.format(
        Locale.ROOT, "EASE, dense closed form (lambda %s), reference upper bound", lambda);
  }

  @Override
  public void train(TemporalSplit split, ProgressListener progress) {
    this.split = split;
    this.n = split.catalogueSize();
    progress.start("EASE: Gram matrix and inverse of " + n + " x " + n, 2);
    DMatrixRMaj gram = gram(split);
    for (int i = 0; i < n; i++) {
      gram.data[i * n + i] += lambda;
    }
    progress.advance(1);
    DMatrixRMaj inverse = new DMatrixRMaj(n, n);
    if (!CommonOps_DDRM.invertSPD(gram, inverse)) {
      throw new IllegalStateException("X^T X + lambda I is not positive definite");
    }
    weights = weights(inverse);
    progress.advance(1);
    progress.finish();
  }

  /** {@code X^T X}: how many users bought both items, the diagonal how many bought each. */
  static DMatrixRMaj gram(TemporalSplit split) {
    int n = split.catalogueSize();
    DMatrixRMaj gram = new DMatrixRMaj(n, n);
    double[] g = gram.data;
    for (int u = 0; u < split.users(); u++) {
      int[] items = split.bought(u);
      for (int i : items) {
        int row = i * n;
        for (int j : items) {
          g[row + j] += 1;
        }
      }
    }
    return gram;
  }

  /**
   * B from P, row-major, in place of P's data: {@code B[i][j] = -P[i][j] / P[j][j]}, 0 if i = j.
   */
  static double[] weights(DMatrixRMaj p) {
    int n = p.numRows;
    double[] b = p.data;
    double[] diagonal = new double[n];
    for (int j = 0; j < n; j++) {
      diagonal[j] = b[j * n + j];
    }
    for (int i = 0; i < n; i++) {
      int row = i * n;
      for (int j = 0; j < n; j++) {
        b[row + j] = i == j ? 0 : -b[row + j] / diagonal[j];
      }
    }
    return b;
  }

  /** The learned weight {@code B[i][j]}: how much buying i speaks for j. */
  double weight(int i, int j) {
    return weights[i * n + j];
  }

  @Override
  public int[] recommend(int user, int k, boolean includeKnown) {
    int[] bought = split.bought(user);
    double[] scores = new double[n];
    for (int i : bought) {
      int row = i * n;
      for (int j = 0; j < n; j++) {
        scores[j] += weights[row + j];
      }
    }
    return Ranking.top(scores, k, includeKnown ? new int[0] : bought);
  }

  @Override
  public void close() {
    weights = null;
  }
}
