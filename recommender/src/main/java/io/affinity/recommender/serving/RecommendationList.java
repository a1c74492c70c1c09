package io.affinity.recommender.serving;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A list of recommendations and the model version that produced it.
 *
 * @param personalised how many items came from the history (co-occurrence or content likeness)
 *     rather than popularity: 0 for an unknown customer or an anonymous visitor
 * @param unknownItems items of the request (a basket, a session) that are no product: left out of
 *     the query, listed so that the shop can see them; empty otherwise
 */
@Serdeable
public record RecommendationList(
    long modelVersion, int personalised, List<Recommendation> items, List<String> unknownItems) {

  /** A list for a request without unknown items. */
  public RecommendationList(long modelVersion, int personalised, List<Recommendation> items) {
    this(modelVersion, personalised, items, List.of());
  }

  /** This list, naming {@code unknown} as the request's unknown items. */
  public RecommendationList withUnknownItems(List<String> unknown) {
    return new RecommendationList(modelVersion, personalised, items, List.copyOf(unknown));
  }
}
