package io.affinity.core.value;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximises a log-likelihood over positive parameters with the Nelder-Mead simplex of
 * commons-math3, searching over their logarithms so that every step stays positive.
 *
 * <p>The search restarts from its own optimum until the likelihood stops improving: a single
 * Nelder-Mead run can stall on a collapsed simplex, a restart rebuilds it.
 */
final class MaximumLikelihood {
  private static final int MAX_EVALUATIONS = 20_000;
  private static final int RESTARTS = 4;

  private MaximumLikelihood() {}

  /**
   * The positive parameters maximising {@code logLikelihood}, starting from {@code start}. A
   * likelihood that is not finite at some point counts as minus infinity there.
   */
  static double[] maximise(ToDoubleFunction<double[]> logLikelihood, double[] start) {
    MultivariateFunction objective =
        logs -> {
          double[] params = new double[logs.length];
          for (int i = 0; i < logs.length; i++) {
            params[i] = Math.exp(logs[i]);
          }
          double value = logLikelihood.applyAsDouble(params);
          return Double.isFinite(value) ? value : Double.NEGATIVE_INFINITY;
        };
    double[] point = new double[start.length];
    for (int i = 0; i < start.length; i++) {
      point[i] = Math.log(start[i]);
    }
    double best = objective.value(point);
    SimplexOptimizer optimizer = new SimplexOptimizer(1e-10, 1e-10);
    for (int round = 0; round < RESTARTS; round++) {
      PointValuePair result =
          optimizer.optimize(
              new MaxEval(MAX_EVALUATIONS),
              new ObjectiveFunction(objective),
              GoalType.MAXIMIZE,
              new InitialGuess(point),
              new NelderMeadSimplex(start.length, 0.5));
      boolean improved = result.getValue() > best + 1e-9 * Math.abs(best);
      if (result.getValue() >= best) {
        point = result.getPoint();
        best = result.getValue();
      }
      if (!improved) {
        break;
      }
    }
    double[] params = new double[point.length];
    for (int i = 0; i < point.length; i++) {
      params[i] = Math.exp(point[i]);
    }
    return params;
  }
}
