package io.affinity.recommender.offers;

import java.util.Locale;

/** The kinds of offer. */
public enum OfferType {
  /** A complementary item from another category than the anchors. */
  CROSS_SELL,
  /** A better (pricier or higher-margin) item of the same category as the anchor. */
  UPSELL;

  /** The name used in JSON. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
