package io.affinity.bench.serving;

import io.affinity.recommender.training.InteractionData;
import io.affinity.recommender.training.Signal;
import java.util.List;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.common.FastByIDMap;
import org.apache.mahout.cf.taste.impl.common.FastIDSet;
import org.apache.mahout.cf.taste.impl.model.GenericBooleanPrefDataModel;
import org.apache.mahout.cf.taste.impl.recommender.GenericBooleanPrefItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.similarity.LogLikelihoodSimilarity;
import org.apache.mahout.cf.taste.recommender.RecommendedItem;

/**
 * Mahout Taste's item-based recommender with log-likelihood similarity over the purchases of the
 * same data: the baseline our serving is measured against. Users and items keep their dense indexes
 * as Taste ids.
 */
final class TasteBaseline {
  private final GenericBooleanPrefItemBasedRecommender recommender;

  TasteBaseline(InteractionData data) throws TasteException {
    FastByIDMap<FastIDSet> users = new FastByIDMap<>(data.users());
    for (int u = 0; u < data.users(); u++) {
      int[] items = data.itemsOf(Signal.PURCHASE, u);
      if (items.length > 0) {
        FastIDSet set = new FastIDSet(items.length);
        for (int i : items) {
          set.add(i);
        }
        users.put(u, set);
      }
    }
    GenericBooleanPrefDataModel model = new GenericBooleanPrefDataModel(users);
    recommender =
        new GenericBooleanPrefItemBasedRecommender(model, new LogLikelihoodSimilarity(model));
  }

  /** Taste's top {@code n} for user {@code user} (a dense index). */
  List<RecommendedItem> recommend(long user, int n) throws TasteException {
    return recommender.recommend(user, n);
  }
}
