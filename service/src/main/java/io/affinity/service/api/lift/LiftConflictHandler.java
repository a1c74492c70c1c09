package io.affinity.service.api.lift;

import io.affinity.campaigns.lift.CampaignNotStartedException;
import io.affinity.service.problem.Problem;
import io.affinity.service.problem.ProblemType;
import io.affinity.service.problem.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/** A lift report of a campaign that has not started: 409, nothing to attribute yet. */
@Produces
@Singleton
public class LiftConflictHandler
    implements ExceptionHandler<CampaignNotStartedException, HttpResponse<Problem>> {
  @Override
  public HttpResponse<Problem> handle(HttpRequest request, CampaignNotStartedException e) {
    return Problems.of(ProblemType.CONFLICT, request, e.getMessage(), List.of());
  }
}
