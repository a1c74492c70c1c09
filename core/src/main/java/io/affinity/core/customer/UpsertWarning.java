package io.affinity.core.customer;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Part of an item that was stored otherwise than sent, and why: today, a consent statement that was
 * recorded in the ledger but not applied (the customer withdrew, the address is suppressed, or the
 * statement is older than the one on record).
 *
 * @param customerId the shop's id of the customer
 * @param field the field that was not applied, e.g. {@code emailConsent}
 * @param reason why
 */
@Serdeable
public record UpsertWarning(String customerId, String field, String reason) {}
