package io.affinity.service.api.recommendations;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A basket to complete.
 *
 * @param items the shop's ids of the products in the basket
 * @param customerId the customer, if known: what they bought is left out too
 */
@Serdeable
@Introspected
public record BasketRequest(
    @Nullable @NotEmpty @Size(max = 100) List<String> items, @Nullable String customerId) {}
