package io.affinity.recommender.evaluation;

import io.affinity.core.progress.ProgressListener;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.neighborhood.CachingUserNeighborhood;
import org.apache.mahout.cf.taste.impl.neighborhood.NearestNUserNeighborhood;
import org.apache.mahout.cf.taste.impl.recommender.GenericBooleanPrefUserBasedRecommender;
import org.apache.mahout.cf.taste.impl.similarity.LogLikelihoodSimilarity;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.recommender.Recommender;

/**
 * Taste user-based: {@link GenericBooleanPrefUserBasedRecommender} over the {@code n} most similar
 * users by {@link LogLikelihoodSimilarity} ({@link NearestNUserNeighborhood}); an item scores the
 * sum of the similarities of the neighbours who bought it. The neighbourhood of a user is cached
 * ({@link CachingUserNeighborhood}), so that the second mode does not compute it again.
 */
final class TasteUserBasedAlgorithm extends TasteAlgorithm {
  private final int neighbours;

  TasteUserBasedAlgorithm(int neighbours) {
    if (neighbours < 1) {
      throw new IllegalArgumentException("neighbours must be positive, got " + neighbours);
    }
    this.neighbours = neighbours;
  }

  @Override
  public String name() {
    return "user-based";
  }

  @Override
  public String description() {
    return "Mahout Taste GenericBooleanPrefUserBasedRecommender + LogLikelihoodSimilarity +"
        + " NearestNUserNeighborhood(n = "
        + neighbours
        + ")";
  }

  @Override
  Recommender build(DataModel model, ProgressListener progress) throws TasteException {
    LogLikelihoodSimilarity similarity = new LogLikelihoodSimilarity(model);
    CachingUserNeighborhood neighbourhood =
        new CachingUserNeighborhood(
            new NearestNUserNeighborhood(neighbours, similarity, model), model);
    return new GenericBooleanPrefUserBasedRecommender(model, neighbourhood, similarity);
  }
}
