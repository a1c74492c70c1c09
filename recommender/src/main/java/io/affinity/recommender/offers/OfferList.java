package io.affinity.recommender.offers;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Offers and the model version that produced them. */
@Serdeable
public record OfferList(long modelVersion, List<Offer> crossSell, List<Offer> upsell) {}
