package io.affinity.recommender.evaluation;

import io.affinity.core.progress.ProgressListener;
import java.util.Locale;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.recommender.svd.ALSWRFactorizer;
import org.apache.mahout.cf.taste.impl.recommender.svd.SVDRecommender;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.recommender.Recommender;
import org.apache.mahout.common.RandomUtils;

/**
 * Taste matrix factorisation: {@link SVDRecommender} with {@link ALSWRFactorizer} for implicit
 * feedback (Hu, Koren and Volinsky 2008: confidence {@code 1 + alpha * r} with {@code r = 1} for a
 * purchase). The factorisation is the training step. Taste's random initialisation is made
 * repeatable with {@link RandomUtils#useTestSeed()}.
 */
final class TasteAlsAlgorithm extends TasteAlgorithm {
  private final AlsParams params;

  TasteAlsAlgorithm(AlsParams params) {
    this.params = params;
  }

  @Override
  public String name() {
    return "als";
  }

  @Override
  public String description() {
    return String.format(
        Locale.ROOT,
        "Mahout Taste SVDRecommender + ALSWRFactorizer, implicit feedback (%d features, lambda %s,"
            + " alpha %s, %d iterations)",
        params.features(),
        params.lambda(),
        params.alpha(),
        params.iterations());
  }

  @Override
  Recommender build(DataModel model, ProgressListener progress) throws TasteException {
    RandomUtils.useTestSeed();
    ALSWRFactorizer factorizer =
        new ALSWRFactorizer(
            model,
            params.features(),
            params.lambda(),
            params.iterations(),
            true,
            params.alpha(),
            Runtime.getRuntime().availableProcessors());
    return new SVDRecommender(model, factorizer);
  }
}
