package io.affinity.core.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;

/** A stored event as the API shows it, with the product's name for reading. */
@Serdeable
public record EventView(
    String eventId,
    String type,
    @Nullable String productId,
    @Nullable String productName,
    @Nullable String orderId,
    @Nullable Integer quantity,
    @Nullable BigDecimal unitPrice,
    Instant time,
    @Nullable Long campaignId,
    @Nullable String source) {}
