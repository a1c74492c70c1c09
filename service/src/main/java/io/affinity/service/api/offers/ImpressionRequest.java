package io.affinity.service.api.offers;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Offers the shop showed a customer.
 *
 * @param customerId the shop's id of the customer
 * @param items the shop's ids of the offered products shown
 * @param type {@code cross_sell} or {@code upsell}, if the shop tells
 * @param impressionId the shop's id of this impression (a page view, say): reporting it again
 *     counts nothing more; without it, one impression per customer, item, type and day
 */
@Serdeable
@Introspected
public record ImpressionRequest(
    @Nullable @NotBlank @Size(max = 100) String customerId,
    @Nullable @NotEmpty @Size(max = 100) List<String> items,
    @Nullable String type,
    @Nullable @Size(min = 1, max = 200) String impressionId) {}
