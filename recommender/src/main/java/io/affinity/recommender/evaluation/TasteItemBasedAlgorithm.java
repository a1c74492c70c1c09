package io.affinity.recommender.evaluation;

import io.affinity.core.progress.ProgressListener;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.recommender.GenericBooleanPrefItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.similarity.GenericItemSimilarity;
import org.apache.mahout.cf.taste.impl.similarity.LogLikelihoodSimilarity;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.recommender.Recommender;

/**
 * Taste item-based: {@link GenericBooleanPrefItemBasedRecommender} with {@link
 * LogLikelihoodSimilarity}; an item scores the sum of its similarities to the user's items.
 *
 * <p>The similarities of all item pairs are computed once into a {@link GenericItemSimilarity}
 * (Taste's precomputed similarity, the training step): computed on demand, the evaluation took
 * about 11 minutes instead of seconds. The values are the same, except that an item's similarity to
 * itself is exactly 1 (instead of LLR's {@code 1 - 1 / (1 + llr)}, just under 1), which only
 * matters when known items may be recommended.
 */
final class TasteItemBasedAlgorithm extends TasteAlgorithm {
  @Override
  public String name() {
    return "item-based";
  }

  @Override
  public String description() {
    return "Mahout Taste GenericBooleanPrefItemBasedRecommender + LogLikelihoodSimilarity"
        + " (precomputed for all item pairs in a GenericItemSimilarity)";
  }

  @Override
  Recommender build(DataModel model, ProgressListener progress) throws TasteException {
    GenericItemSimilarity similarity =
        new GenericItemSimilarity(new LogLikelihoodSimilarity(model), model);
    return new GenericBooleanPrefItemBasedRecommender(model, similarity);
  }
}
