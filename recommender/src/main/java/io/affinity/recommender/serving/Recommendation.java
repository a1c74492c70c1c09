package io.affinity.recommender.serving;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One recommended item with its score and why it is recommended. Name, category, price, stock and
 * links are the product's as they are now (the live catalogue), not as they were at training.
 *
 * @param url the product page, when the shop gave one
 * @param imageUrl the product image, when the shop gave one
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
    @Nullable String url,
    @Nullable String imageUrl,
    double score,
    Reason reason) {
  /** The same recommendation told with {@code other} reason (a message may word it discreetly). */
  public Recommendation withReason(Reason other) {
    return new Recommendation(
        itemId, name, categoryPath, price, inStock, url, imageUrl, score, other);
  }
}
