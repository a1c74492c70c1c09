package io.affinity.service.api.templates;

import io.affinity.campaigns.templates.RenderCancelledException;
import io.affinity.service.problem.Problem;
import io.affinity.service.problem.ProblemType;
import io.affinity.service.problem.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * A preview stopped because its client closed the connection: nobody reads this answer (Netty drops
 * it), but without a handler the stop would be logged as an unexpected error with its stack.
 */
@Produces
@Singleton
public class PreviewCancelledHandler
    implements ExceptionHandler<RenderCancelledException, HttpResponse<Problem>> {
  @Override
  public HttpResponse<Problem> handle(HttpRequest request, RenderCancelledException e) {
    return Problems.of(
        HttpStatus.SERVICE_UNAVAILABLE,
        ProblemType.UNAVAILABLE,
        request,
        "The client closed the connection; the preview was stopped",
        List.of());
  }
}
