package io.affinity.service.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the errors the framework raises itself (unreadable JSON, unknown route, wrong method or
 * media type, anything unexpected) into problem documents. Server errors are logged with their
 * cause and reported without it: no stack trace, class name or secret leaves the service.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

  @Override
  @SuppressWarnings("unchecked")
  public @NonNull MutableHttpResponse<Problem> processResponse(
      @NonNull ErrorContext context, @NonNull MutableHttpResponse<?> response) {
    HttpStatus status = response.getStatus();
    ProblemType type =
        switch (status) {
          case BAD_REQUEST -> ProblemType.MALFORMED_REQUEST;
          case NOT_FOUND -> ProblemType.NOT_FOUND;
          case UNAUTHORIZED -> ProblemType.UNAUTHORIZED;
          case FORBIDDEN -> ProblemType.FORBIDDEN;
          case CONFLICT -> ProblemType.CONFLICT;
          case UNPROCESSABLE_ENTITY -> ProblemType.INVALID_INPUT;
          default -> status.getCode() >= 500 ? ProblemType.INTERNAL : ProblemType.HTTP;
        };
    String detail;
    if (status.getCode() >= 500) {
      LOG.error(
          "{} {} failed",
          context.getRequest().getMethod(),
          context.getRequest().getPath(),
          context.getRootCause().orElse(null));
      detail = "The server could not handle this request; the error has been logged.";
    } else if (status == HttpStatus.NOT_FOUND && context.getRootCause().isEmpty()) {
      detail = "No endpoint at " + context.getRequest().getPath();
    } else {
      detail = ReadableErrors.describe(context);
    }
    Problem problem =
        Problems.of(status, type, context.getRequest(), detail, java.util.List.of()).body();
    return ((MutableHttpResponse<Problem>) response)
        .body(problem)
        .contentType(Problems.PROBLEM_JSON);
  }
}
