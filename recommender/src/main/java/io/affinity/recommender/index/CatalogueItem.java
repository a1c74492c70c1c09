package io.affinity.recommender.index;

import java.math.BigDecimal;

/** What the index needs of a product. */
public record CatalogueItem(
    String id,
    String name,
    String categoryPath,
    String brand,
    BigDecimal price,
    BigDecimal cost,
    boolean inStock) {

  /** Price minus cost, or null when either is unknown. */
  public BigDecimal margin() {
    return price != null && cost != null ? price.subtract(cost) : null;
  }
}
