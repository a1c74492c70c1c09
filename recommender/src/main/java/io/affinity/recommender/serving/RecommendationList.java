package io.affinity.recommender.serving;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A list of recommendations and the model version that produced it.
 *
 * @param personalised how many items came from the history rather than backfill
 */
@Serdeable
public record RecommendationList(long modelVersion, int personalised, List<Recommendation> items) {}
