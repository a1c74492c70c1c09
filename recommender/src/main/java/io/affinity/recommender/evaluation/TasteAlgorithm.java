package io.affinity.recommender.evaluation;

import io.affinity.core.progress.ProgressListener;
import java.util.List;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.common.FastByIDMap;
import org.apache.mahout.cf.taste.impl.common.FastIDSet;
import org.apache.mahout.cf.taste.impl.model.GenericBooleanPrefDataModel;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.recommender.RecommendedItem;
import org.apache.mahout.cf.taste.recommender.Recommender;

/**
 * A Mahout Taste recommender on the training purchases as boolean preferences (user and item ids
 * are the dense indexes). Known items are handled by Taste itself: {@code recommend(user, k, null,
 * includeKnown)}.
 */
abstract class TasteAlgorithm implements Algorithm {
  private Recommender recommender;

  /** The Taste recommender on {@code model}; may do the expensive work (factorising) now. */
  abstract Recommender build(DataModel model, ProgressListener progress) throws TasteException;

  /** The boolean data model of the training purchases. */
  static DataModel dataModel(TemporalSplit split) {
    FastByIDMap<FastIDSet> users = new FastByIDMap<>(split.users());
    for (int u = 0; u < split.users(); u++) {
      int[] bought = split.bought(u);
      FastIDSet items = new FastIDSet(bought.length);
      for (int item : bought) {
        items.add(item);
      }
      users.put(u, items);
    }
    return new GenericBooleanPrefDataModel(users);
  }

  @Override
  public void train(TemporalSplit split, ProgressListener progress) {
    try {
      recommender = build(dataModel(split), progress);
    } catch (TasteException e) {
      throw new IllegalStateException(name() + " could not be trained", e);
    }
  }

  @Override
  public int[] recommend(int user, int k, boolean includeKnown) {
    try {
      List<RecommendedItem> items = recommender.recommend(user, k, null, includeKnown);
      return items.stream().mapToInt(r -> (int) r.getItemID()).toArray();
    } catch (TasteException e) {
      throw new IllegalStateException(name() + " failed for user " + user, e);
    }
  }
}
