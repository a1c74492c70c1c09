package io.affinity.service.api.mail;

import io.affinity.campaigns.singlemail.SendingDisabledException;
import io.affinity.service.problem.Problem;
import io.affinity.service.problem.ProblemType;
import io.affinity.service.problem.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/** A message asked for while sending (or its sender) is not configured: 409 saying what to set. */
@Produces
@Singleton
public class SendingDisabledHandler
    implements ExceptionHandler<SendingDisabledException, HttpResponse<Problem>> {
  @Override
  public HttpResponse<Problem> handle(HttpRequest request, SendingDisabledException e) {
    return Problems.of(ProblemType.CONFLICT, request, e.getMessage(), List.of());
  }
}
