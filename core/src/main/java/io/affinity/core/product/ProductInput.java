package io.affinity.core.product;

import io.affinity.core.attributes.BoundedAttributes;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Map;

/**
 * A product as a shop sends it. Omitted (null) fields leave the stored value as it is.
 *
 * @param id the shop's id (SKU)
 * @param categoryPath categories from the root down, separated by {@code /}
 * @param cost what the product costs the shop; margin is price minus cost
 * @param url the product page, an absolute http(s) URL
 * @param imageUrl the product image, an absolute http(s) URL
 * @param discontinued true when the shop no longer sells it: it leaves every list at once; false
 *     brings it back
 */
@Serdeable
@Introspected
public record ProductInput(
    @Nullable @NotBlank @Size(max = 100) String id,
    @Nullable @Size(max = 300) String name,
    @Nullable @Size(max = 255) String categoryPath,
    @Nullable @Size(max = 100) String brand,
    @Nullable @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal price,
    @Nullable @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal cost,
    @Nullable Boolean inStock,
    @Nullable Boolean discontinued,
    @Nullable @Size(max = 1000) @WebUrl String url,
    @Nullable @Size(max = 1000) @WebUrl String imageUrl,
    @Nullable @BoundedAttributes Map<String, Object> attributes) {}
