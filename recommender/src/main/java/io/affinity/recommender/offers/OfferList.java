package io.affinity.recommender.offers;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Offers and the model version that produced them.
 *
 * @param unknownItems items of a basket that the model does not know (no product, or added since
 *     training): left out of the anchors
 */
@Serdeable
public record OfferList(
    long modelVersion, List<Offer> crossSell, List<Offer> upsell, List<String> unknownItems) {

  /** Offers for a request without unknown items. */
  public OfferList(long modelVersion, List<Offer> crossSell, List<Offer> upsell) {
    this(modelVersion, crossSell, upsell, List.of());
  }
}
