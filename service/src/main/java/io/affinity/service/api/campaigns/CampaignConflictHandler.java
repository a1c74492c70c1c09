package io.affinity.service.api.campaigns;

import io.affinity.campaigns.campaign.CampaignConflictException;
import io.affinity.service.problem.Problem;
import io.affinity.service.problem.ProblemType;
import io.affinity.service.problem.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/** A transition the campaign's state does not allow, or launching with sending disabled: 409. */
@Produces
@Singleton
public class CampaignConflictHandler
    implements ExceptionHandler<CampaignConflictException, HttpResponse<Problem>> {
  @Override
  public HttpResponse<Problem> handle(HttpRequest request, CampaignConflictException e) {
    return Problems.of(ProblemType.CONFLICT, request, e.getMessage(), List.of());
  }
}
