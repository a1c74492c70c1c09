package io.affinity.core.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One line of the audit log.
 *
 * @param actor the API key's name (later a console user)
 * @param action what was done: {@link AuditLog#ERASE}, {@link AuditLog#EXPORT}, ...
 * @param subjectType what kind of thing it was done to, e.g. {@link AuditLog#CUSTOMER}
 * @param subject which one: for a customer, the keyed hash of the shop's id
 */
@Serdeable
public record AuditEntry(
    long id,
    Instant at,
    String actor,
    String action,
    String subjectType,
    String subject,
    @Nullable String detail) {}
