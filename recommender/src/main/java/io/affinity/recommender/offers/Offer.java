package io.affinity.recommender.offers;

import io.affinity.recommender.serving.Reason;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One offer.
 *
 * @param type {@code cross_sell} or {@code upsell}
 * @param score the strength of the correlation with the anchor items (summed LLR weights)
 * @param expectedValue score x margin (or x price where no margin is known): what ranks offers
 * @param discountPercent a discount attached by rule, if any
 */
@Serdeable
public record Offer(
    String type,
    String itemId,
    @Nullable String name,
    @Nullable String categoryPath,
    @Nullable Double price,
    @Nullable Double margin,
    double score,
    double expectedValue,
    @Nullable Double discountPercent,
    Reason reason) {}
