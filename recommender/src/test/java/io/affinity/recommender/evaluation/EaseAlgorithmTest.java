package io.affinity.recommender.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.affinity.core.progress.ProgressListener;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class EaseAlgorithmTest {
  @Test
  void twoItemsMatchTheClosedForm() {
    // A is bought by customers 1, 2, 3 (a = 3), B by 1, 2, 4, 5 (b = 4), both by 1 and 2 (c = 2).
    // G + lambda I = [[a + l, c], [c, b + l]]; its inverse P = [[b + l, -c], [-c, a + l]] / det;
    // B[i][j] = -P[i][j] / P[j][j], so B[A][B] = c / (a + l) and B[B][A] = c / (b + l).
    Purchases p = new Purchases();
    for (String c : new String[] {"1", "2", "3"}) {
      p.buy(c, "11111", Purchases.BEFORE);
    }
    for (String c : new String[] {"1", "2", "4", "5"}) {
      p.buy(c, "22222", Purchases.BEFORE);
    }
    TemporalSplit split = p.split();
    EaseAlgorithm ease = new EaseAlgorithm(1.0);
    ease.train(split, ProgressListener.NONE);

    assertThat(ease.weight(0, 1)).isCloseTo(2.0 / (3 + 1), offset(1e-12));
    assertThat(ease.weight(1, 0)).isCloseTo(2.0 / (4 + 1), offset(1e-12));
    assertThat(ease.weight(0, 0)).isZero();
    assertThat(ease.weight(1, 1)).isZero();
    // customer 3 bought only A: B scores B[A][B] = 0.5, A itself (diagonal) 0
    assertThat(ease.recommend(2, 2, true)).containsExactly(1, 0);
    assertThat(ease.recommend(2, 2, false)).containsExactly(1);
  }

  @Test
  void matchesAnIndependentInverseOnARandomMatrix() {
    SplittableRandom random = new SplittableRandom(3);
    Purchases p = new Purchases();
    int users = 40;
    int items = 7;
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        if (random.nextInt(3) == 0 || i == u % items) {
          p.buy(Integer.toString(100 + u), Purchases.code(i), Purchases.BEFORE);
        }
      }
    }
    TemporalSplit split = p.split();
    double lambda = 5;
    EaseAlgorithm ease = new EaseAlgorithm(lambda);
    ease.train(split, ProgressListener.NONE);

    // X^T X + lambda I with commons-math3, inverted by LU: a different library and algorithm
    RealMatrix x = MatrixUtils.createRealMatrix(split.users(), items);
    for (int u = 0; u < split.users(); u++) {
      for (int i : split.bought(u)) {
        x.setEntry(u, i, 1);
      }
    }
    RealMatrix g =
        x.transpose()
            .multiply(x)
            .add(MatrixUtils.createRealIdentityMatrix(items).scalarMultiply(lambda));
    RealMatrix inverse = new LUDecomposition(g).getSolver().getInverse();
    for (int i = 0; i < items; i++) {
      for (int j = 0; j < items; j++) {
        double expected = i == j ? 0 : -inverse.getEntry(i, j) / inverse.getEntry(j, j);
        assertThat(ease.weight(i, j)).as("B[%d][%d]", i, j).isCloseTo(expected, offset(1e-10));
      }
    }
    // Scores of a customer are the sum of the rows of B of what they bought.
    int user = 0;
    double[] scores = new double[items];
    for (int i : split.bought(user)) {
      for (int j = 0; j < items; j++) {
        scores[j] += ease.weight(i, j);
      }
    }
    int[] top = ease.recommend(user, items, true);
    for (int r = 1; r < top.length; r++) {
      assertThat(scores[top[r - 1]]).isGreaterThanOrEqualTo(scores[top[r]]);
    }
  }
}
