package io.affinity.core.customer;

import io.affinity.core.attributes.BoundedAttributes;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;

/**
 * A customer as a shop sends it. Omitted (null) fields leave the stored value as it is.
 *
 * @param id the shop's id of the customer
 * @param householdId the shop's id of the customer's household; created if new
 * @param emailConsent whether the customer agreed to marketing e-mail
 * @param consentSource where consent was given or withdrawn (sign-up form, checkout, ...)
 * @param consentAt when; defaults to the time of the request; not in the future (a few minutes of
 *     clock skew allowed)
 */
@Serdeable
@Introspected
public record CustomerInput(
    @Nullable @NotBlank @Size(max = 100) String id,
    @Nullable @Email @Size(max = 320) String email,
    @Nullable @Size(max = 200) String name,
    @Nullable @Size(max = 100) String householdId,
    @Nullable Boolean emailConsent,
    @Nullable @Size(max = 100) String consentSource,
    @Nullable @NotInTheFuture Instant consentAt,
    @Nullable @Pattern(regexp = Channel.PATTERN, message = "must be one of " + Channel.PATTERN)
        String preferredChannel,
    @Nullable @Size(max = 500) String address,
    @Nullable @Size(max = 20) String postcode,
    @Nullable @Size(max = 60) String country,
    @Nullable @BoundedAttributes Map<String, Object> attributes) {}
