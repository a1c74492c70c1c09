package io.affinity.service.problem;

import io.affinity.core.error.UnavailableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/** Not ready to answer (no model yet): 503 saying what to do. */
@Produces
@Singleton
public class UnavailableHandler
    implements ExceptionHandler<UnavailableException, HttpResponse<Problem>> {
  @Override
  public HttpResponse<Problem> handle(HttpRequest request, UnavailableException e) {
    return Problems.of(
        HttpStatus.SERVICE_UNAVAILABLE,
        ProblemType.UNAVAILABLE,
        request,
        e.getMessage(),
        List.of());
  }
}
