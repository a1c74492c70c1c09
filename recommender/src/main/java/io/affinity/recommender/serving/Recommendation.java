package io.affinity.recommender.serving;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One recommended item with its score and why it is recommended.
 *
 * @param score higher is better; personalised items score by summed LLR weights, backfill items by
 *     popularity and rank below every personalised item
 */
@Serdeable
public record Recommendation(
    String itemId,
    @Nullable String name,
    @Nullable String categoryPath,
    @Nullable Double price,
    boolean inStock,
    double score,
    Reason reason) {}
