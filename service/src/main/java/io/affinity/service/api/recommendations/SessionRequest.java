package io.affinity.service.api.recommendations;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a visitor did in the current session, for recommendations without (or before) a customer id.
 *
 * @param viewed the shop's ids of the products viewed, most recent first
 * @param cart the shop's ids of the products in the cart: left out of the answer
 * @param customerId the customer, if known: their history follows the session's, and what they
 *     bought is left out
 */
@Serdeable
@Introspected
public record SessionRequest(
    @Nullable @Size(max = 100) List<String> viewed,
    @Nullable @Size(max = 100) List<String> cart,
    @Nullable @Size(max = 100) String customerId) {}
