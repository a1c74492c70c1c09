package io.affinity.recommender.index;

import java.math.BigDecimal;

/**
 * What the index needs of a product.
 *
 * @param rowId the product's row id in the database, or -1 when it has none (evaluation data): the
 *     live catalogue reads the current row by it at query time
 */
public record CatalogueItem(
    String id,
    String name,
    String categoryPath,
    String brand,
    BigDecimal price,
    BigDecimal cost,
    boolean inStock,
    long rowId) {

  /** An item without a database row. */
  public CatalogueItem(
      String id,
      String name,
      String categoryPath,
      String brand,
      BigDecimal price,
      BigDecimal cost,
      boolean inStock) {
    this(id, name, categoryPath, brand, price, cost, inStock, -1);
  }

  /** Price minus cost, or null when either is unknown. */
  public BigDecimal margin() {
    return price != null && cost != null ? price.subtract(cost) : null;
  }
}
