package io.affinity.service.api.customers;

import io.affinity.campaigns.optin.ConfirmationConflictException;
import io.affinity.service.problem.Problem;
import io.affinity.service.problem.ProblemType;
import io.affinity.service.problem.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/** A confirmation that cannot be sent as the customer stands (no address): 409. */
@Produces
@Singleton
public class ConfirmationConflictHandler
    implements ExceptionHandler<ConfirmationConflictException, HttpResponse<Problem>> {
  @Override
  public HttpResponse<Problem> handle(HttpRequest request, ConfirmationConflictException e) {
    return Problems.of(ProblemType.CONFLICT, request, e.getMessage(), List.of());
  }
}
