package io.affinity.recommender.evaluation;

/**
 * The parameters of the ALS baseline's implicit-feedback factorisation.
 *
 * @param features latent factors per user and item
 * @param lambda L2 regularisation
 * @param alpha confidence of a purchase: {@code 1 + alpha}
 * @param iterations alternations of user and item solves
 */
public record AlsParams(int features, double lambda, double alpha, int iterations) {
  public static final AlsParams DEFAULTS = new AlsParams(32, 1.0, 3.0, 10);

  public AlsParams {
    if (features < 1 || iterations < 1 || !(lambda > 0) || !(alpha > 0)) {
      throw new IllegalArgumentException(
          "ALS needs positive features, iterations, lambda and alpha, got " + this);
    }
  }
}
