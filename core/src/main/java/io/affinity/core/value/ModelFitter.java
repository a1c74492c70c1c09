package io.affinity.core.value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fits BG/NBD and Gamma-Gamma by maximum likelihood on customers' histories.
 *
 * <p>Customers with the same (x, t_x, T) contribute the same likelihood term, so they are grouped
 * and weighted; beyond {@value #MAX_CUSTOMERS} customers, a seeded random sample of that size is
 * fitted (the estimates of four parameters hardly move beyond it, and each evaluation stays cheap).
 */
public final class ModelFitter {
  /** The most customers a fit reads; more are sampled down to this. */
  public static final int MAX_CUSTOMERS = 200_000;

  private static final long SEED = 20050101L;

  private ModelFitter() {}

  /**
   * BG/NBD parameters maximising the likelihood of {@code histories}.
   *
   * @throws IllegalArgumentException if there are fewer than 10 histories or none with a repeat, or
   *     if the fitted a and b put equation (10) on a pole (a + b near 0 or 1, or a = 1)
   */
  public static BgNbd fitBgNbd(List<RepeatHistory> histories) {
    List<RepeatHistory> data = sample(histories);
    if (data.size() < 10 || data.stream().noneMatch(h -> h.x() > 0)) {
      throw new IllegalArgumentException(
          "BG/NBD needs at least 10 customers, some with repeat purchases; got " + data.size());
    }
    Map<List<Double>, Integer> groups = new HashMap<>();
    for (RepeatHistory h : data) {
      groups.merge(List.of((double) h.x(), h.tx(), h.bigT()), 1, Integer::sum);
    }
    int n = groups.size();
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] bigT = new double[n];
    double[] weight = new double[n];
    int i = 0;
    double meanT = 0;
    for (Map.Entry<List<Double>, Integer> e : groups.entrySet()) {
      x[i] = e.getKey().get(0);
      tx[i] = e.getKey().get(1);
      bigT[i] = e.getKey().get(2);
      weight[i] = e.getValue();
      meanT += bigT[i] * weight[i];
      i++;
    }
    meanT /= data.size();
    double[] best =
        MaximumLikelihood.maximise(
            params -> {
              BgNbd model = new BgNbd(params[0], params[1], params[2], params[3]);
              double sum = 0;
              for (int k = 0; k < n; k++) {
                sum += weight[k] * model.logLikelihood(x[k], tx[k], bigT[k]);
              }
              return sum;
            },
            new double[] {1, Math.max(1, meanT / 4), 1, 1});
    // Equation (10) evaluates 2F1(.; a + b + x - 1; .) and divides by a - 1. For x = 0 the third
    // argument a + b - 1 lies in (-1, inf): near 0 (a + b near 1) or near -1 (a and b near 0, a
    // degenerate fit seen on small, odd populations) it sits on a pole of 2F1. Such a fit, or one
    // with a = 1, predicts nothing rather than nonsense; the caller then scores without
    // predictions.
    double c0 = best[2] + best[3] - 1;
    if (Math.abs(c0) < 1e-3 || c0 + 1 < 1e-3 || Math.abs(best[2] - 1) < 1e-6) {
      throw new IllegalArgumentException(
          String.format(
              "degenerate fit (a = %.3g, b = %.3g): the expected purchases are undefined",
              best[2], best[3]));
    }
    return new BgNbd(best[0], best[1], best[2], best[3]);
  }

  /**
   * Gamma-Gamma parameters maximising the likelihood of the mean transaction values of customers
   * with at least one repeat transaction and a positive mean.
   *
   * @throws IllegalArgumentException if fewer than 10 customers qualify
   */
  public static GammaGamma fitGammaGamma(List<RepeatHistory> histories) {
    List<RepeatHistory> data =
        sample(histories.stream().filter(h -> h.x() > 0 && h.meanValue() > 0).toList());
    if (data.size() < 10) {
      throw new IllegalArgumentException(
          "Gamma-Gamma needs at least 10 repeat customers with positive spend; got " + data.size());
    }
    double[] count = new double[data.size()];
    double[] mean = new double[data.size()];
    double overall = 0;
    for (int i = 0; i < data.size(); i++) {
      count[i] = data.get(i).x() + 1;
      mean[i] = data.get(i).meanValue();
      overall += mean[i];
    }
    overall /= data.size();
    double[] best =
        MaximumLikelihood.maximise(
            params -> {
              GammaGamma model = new GammaGamma(params[0], params[1], params[2]);
              double sum = 0;
              for (int k = 0; k < count.length; k++) {
                sum += model.logLikelihood(count[k], mean[k]);
              }
              return sum;
            },
            new double[] {1, 2, overall});
    return new GammaGamma(best[0], best[1], best[2]);
  }

  private static List<RepeatHistory> sample(List<RepeatHistory> histories) {
    if (histories.size() <= MAX_CUSTOMERS) {
      return histories;
    }
    List<RepeatHistory> copy = new ArrayList<>(histories);
    java.util.Collections.shuffle(copy, new Random(SEED));
    return copy.subList(0, MAX_CUSTOMERS);
  }
}
