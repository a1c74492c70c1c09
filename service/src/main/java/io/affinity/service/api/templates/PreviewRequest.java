package io.affinity.service.api.templates;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * Whom to preview a template for.
 *
 * @param customerId the shop's id of the customer
 * @param version the template version; the current one when omitted
 */
@Serdeable
@Introspected
public record PreviewRequest(
    @Nullable @NotBlank String customerId, @Nullable @Positive Integer version) {}
