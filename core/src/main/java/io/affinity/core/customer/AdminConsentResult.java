package io.affinity.core.customer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What an administrator's consent statement did.
 *
 * @param outcome applied, refused or unchanged
 * @param reason why it was refused, or null
 * @param customer the single customer view afterwards
 */
@Serdeable
public record AdminConsentResult(String outcome, @Nullable String reason, CustomerView customer) {}
