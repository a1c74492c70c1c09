package io.affinity.recommender.offers;

import io.affinity.recommender.serving.Reason;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One offer. Name, category, price, margin and links are the product's as they are now (the live
 * catalogue).
 *
 * @param type {@code cross_sell} or {@code upsell}
 * @param score the strength of the correlation with the anchor items (summed LLR weights)
 * @param expectedValue score x margin (or x price where no margin is known): what ranks offers
 * @param url the product page, when the shop gave one
 * @param imageUrl the product image, when the shop gave one
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
    @Nullable String url,
    @Nullable String imageUrl,
    double score,
    double expectedValue,
    @Nullable Double discountPercent,
    Reason reason) {
  /** The same offer told with {@code other} reason (a message may word it discreetly). */
  public Offer withReason(Reason other) {
    return new Offer(
        type,
        itemId,
        name,
        categoryPath,
        price,
        margin,
        url,
        imageUrl,
        score,
        expectedValue,
        discountPercent,
        other);
  }
}
