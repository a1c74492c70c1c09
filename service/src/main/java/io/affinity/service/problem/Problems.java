package io.affinity.service.problem;

import io.affinity.core.error.FieldError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** Builds problem responses. */
public final class Problems {
  /** The media type of every error response. */
  public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

  private Problems() {}

  /** A response of kind {@code type} for {@code request}. */
  public static MutableHttpResponse<Problem> of(
      ProblemType type, HttpRequest<?> request, String detail, List<FieldError> errors) {
    return of(type.status(), type, request, detail, errors);
  }

  /** A response of kind {@code type} with an explicit status. */
  public static MutableHttpResponse<Problem> of(
      HttpStatus status,
      ProblemType type,
      HttpRequest<?> request,
      String detail,
      List<FieldError> errors) {
    Problem body =
        new Problem(
            type.uri(),
            type == ProblemType.HTTP ? status.getReason() : type.title(),
            status.getCode(),
            detail,
            request == null ? null : request.getPath(),
            errors == null || errors.isEmpty() ? null : errors);
    return HttpResponse.<Problem>status(status).body(body).contentType(PROBLEM_JSON);
  }
}
