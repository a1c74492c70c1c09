package io.affinity.core.synthetic;

import io.affinity.core.product.ProductInput;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * A product of the synthetic shop with the structure planted in it.
 *
 * @param index position in the catalogue, from 0
 * @param category index of the category, from 0
 * @param line index of the product line (one product per tier), from 0
 * @param cycleDays for a consumable, the days after which a customer buys it again; 0 otherwise
 */
public record SyntheticProduct(
    int index,
    String id,
    String name,
    int category,
    String categoryPath,
    String brand,
    int line,
    Tier tier,
    BigDecimal price,
    BigDecimal cost,
    boolean inStock,
    int cycleDays) {

  /** Whether customers re-buy it every {@link #cycleDays} days. */
  public boolean consumable() {
    return cycleDays > 0;
  }

  /** The product as the shop would send it; tier, line and cycle go into attributes. */
  public ProductInput toInput() {
    Map<String, Object> attributes =
        consumable()
            ? Map.of(
                "tier", tier.name().toLowerCase(Locale.ROOT), "line", line, "cycleDays", cycleDays)
            : Map.of("tier", tier.name().toLowerCase(Locale.ROOT), "line", line);
    return new ProductInput(
        id, name, categoryPath, brand, price, cost, inStock, null, null, null, attributes);
  }
}
