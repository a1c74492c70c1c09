package io.affinity.core.privacy;

import io.micronaut.core.annotation.Nullable;

/**
 * The customer an erasure or export is about, as read before any part changed anything: parts that
 * key their rows by the shop's id or the address find them through this, whatever order they run
 * in.
 *
 * @param id our internal id
 * @param externalId the shop's id (an opaque {@code erased-...} one once erased)
 * @param email the address on record, or null (always, when exporting an erased customer)
 * @param householdId the household's internal id, or null (always, once erased)
 */
public record PrivacySubject(
    long id, String externalId, @Nullable String email, @Nullable Long householdId) {}
