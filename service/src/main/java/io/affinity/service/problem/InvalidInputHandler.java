package io.affinity.service.problem;

import io.affinity.core.error.InvalidInputException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A request that fails validation: 422 listing every bad field. */
@Produces
@Singleton
public class InvalidInputHandler
    implements ExceptionHandler<InvalidInputException, HttpResponse<Problem>> {
  @Override
  public HttpResponse<Problem> handle(HttpRequest request, InvalidInputException e) {
    return Problems.of(ProblemType.INVALID_INPUT, request, e.getMessage(), e.errors());
  }
}
