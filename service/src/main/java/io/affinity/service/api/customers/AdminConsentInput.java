package io.affinity.service.api.customers;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An administrator's statement about a customer's e-mail consent.
 *
 * @param emailConsent true to (re-)subscribe, false to withdraw
 * @param topic one topic only (e.g. {@code offers}); omitted: all marketing e-mail
 * @param reason why, in words: kept in the ledger with the statement (required)
 */
@Serdeable
public record AdminConsentInput(
    @NotNull Boolean emailConsent,
    @Nullable @Pattern(regexp = "[a-z0-9-]{1,40}", message = "must be 1-40 of a-z, 0-9 and -")
        String topic,
    @NotBlank @Size(max = 400) String reason) {}
