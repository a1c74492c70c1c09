package io.affinity.service.problem;

import io.affinity.core.error.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem document.
 *
 * @param type a fixed URI naming the kind of problem, see {@link ProblemType}
 * @param title a short summary of the kind of problem
 * @param status the HTTP status
 * @param detail what went wrong in this request
 * @param instance the request path
 * @param errors each bad field and why, when the request body or parameters were at fault
 */
@Serdeable
public record Problem(
    String type,
    String title,
    int status,
    @Nullable String detail,
    @Nullable String instance,
    @Nullable List<FieldError> errors) {}
