package io.affinity.service.problem;

import io.affinity.core.error.NotFoundException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/** An unknown customer, product, household, ...: 404 naming what was not found. */
@Produces
@Singleton
public class NotFoundHandler implements ExceptionHandler<NotFoundException, HttpResponse<Problem>> {
  @Override
  public HttpResponse<Problem> handle(HttpRequest request, NotFoundException e) {
    return Problems.of(ProblemType.NOT_FOUND, request, e.getMessage(), List.of());
  }
}
