package io.affinity.core.error;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One thing wrong with a request: the field (a path such as {@code events[3].quantity}) and why.
 *
 * @param field path of the offending value in the request body or parameters
 * @param reason what is wrong with it, in words a client developer understands
 */
@Serdeable
public record FieldError(String field, String reason) {}
