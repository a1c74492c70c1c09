package io.affinity.service.problem;

import io.affinity.core.error.FieldError;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import java.util.List;

/** Bean-validation failures of parameters (query values, path ids): 422 naming each parameter. */
@Produces
@Singleton
@Replaces(ConstraintExceptionHandler.class)
public class ConstraintViolationHandler
    implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {
  @Override
  public HttpResponse<Problem> handle(HttpRequest request, ConstraintViolationException e) {
    List<FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new FieldError(Violations.path(v.getPropertyPath()), v.getMessage()))
            .sorted(java.util.Comparator.comparing(FieldError::field))
            .toList();
    return Problems.of(
        ProblemType.INVALID_INPUT, request, errors.size() + " invalid value(s)", errors);
  }
}
