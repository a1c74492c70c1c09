package io.affinity.service.api.customers;

import io.affinity.campaigns.optin.ConfirmationTooSoonException;
import io.affinity.service.problem.Problem;
import io.affinity.service.problem.ProblemType;
import io.affinity.service.problem.Problems;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/** A confirmation asked for again within the resend interval: 429 with Retry-After. */
@Produces
@Singleton
public class ConfirmationTooSoonHandler
    implements ExceptionHandler<ConfirmationTooSoonException, HttpResponse<Problem>> {
  @Override
  public HttpResponse<Problem> handle(HttpRequest request, ConfirmationTooSoonException e) {
    return Problems.of(
            HttpStatus.TOO_MANY_REQUESTS, ProblemType.HTTP, request, e.getMessage(), List.of())
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
  }
}
