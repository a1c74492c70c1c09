package io.affinity.core.product;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** A product as the API shows it; {@code margin} is price minus cost when both are known. */
@Serdeable
public record ProductView(
    String id,
    @Nullable String name,
    @Nullable String categoryPath,
    @Nullable String brand,
    @Nullable BigDecimal price,
    @Nullable BigDecimal cost,
    @Nullable BigDecimal margin,
    boolean inStock,
    boolean discontinued,
    @Nullable String url,
    @Nullable String imageUrl,
    Map<String, Object> attributes,
    Instant createdAt,
    Instant updatedAt) {}
