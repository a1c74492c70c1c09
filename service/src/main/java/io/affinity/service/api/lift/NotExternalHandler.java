package io.affinity.service.api.lift;

import io.affinity.campaigns.external.NotExternalCampaignException;
import io.affinity.service.problem.Problem;
import io.affinity.service.problem.ProblemType;
import io.affinity.service.problem.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/** Recipients imported into one of our own campaigns: 409, its audience is frozen at launch. */
@Produces
@Singleton
public class NotExternalHandler
    implements ExceptionHandler<NotExternalCampaignException, HttpResponse<Problem>> {
  @Override
  public HttpResponse<Problem> handle(HttpRequest request, NotExternalCampaignException e) {
    return Problems.of(ProblemType.CONFLICT, request, e.getMessage(), List.of());
  }
}
