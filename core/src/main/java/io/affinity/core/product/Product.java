package io.affinity.core.product;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.math.BigDecimal;

/**
 * A stored product; {@code externalId} is the shop's id (SKU). {@code categoryPath} is a path such
 * as {@code Home/Kitchen/Mugs}. Times are epoch millis. A {@code discontinued} product is no longer
 * sold: nothing recommends, offers or mails it.
 */
@MappedEntity("products")
public record Product(
    @Id @GeneratedValue @Nullable Long id,
    String externalId,
    @Nullable String name,
    @Nullable String categoryPath,
    @Nullable String brand,
    @Nullable BigDecimal price,
    @Nullable BigDecimal cost,
    boolean inStock,
    boolean discontinued,
    @Nullable String url,
    @Nullable String imageUrl,
    @Nullable String attributes,
    long createdAt,
    long updatedAt) {

  /** A product known only by id, as created by an event; in stock until told otherwise. */
  public static Product stub(String externalId, long now) {
    return new Product(
        null, externalId, null, null, null, null, null, true, false, null, null, null, now, now);
  }
}
