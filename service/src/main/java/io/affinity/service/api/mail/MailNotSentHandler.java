package io.affinity.service.api.mail;

import io.affinity.campaigns.singlemail.MailNotSentException;
import io.affinity.core.error.FieldError;
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
 * The SMTP server did not take a single message: refused for good (an unknown mailbox: 422 on the
 * address), or unreachable or busy (503: try again later).
 */
@Produces
@Singleton
public class MailNotSentHandler
    implements ExceptionHandler<MailNotSentException, HttpResponse<Problem>> {
  @Override
  public HttpResponse<Problem> handle(HttpRequest request, MailNotSentException e) {
    if (e.permanent()) {
      return Problems.of(
          ProblemType.INVALID_INPUT,
          request,
          e.getMessage(),
          List.of(new FieldError("to", "refused by the SMTP server")));
    }
    return Problems.of(
        HttpStatus.SERVICE_UNAVAILABLE,
        ProblemType.UNAVAILABLE,
        request,
        e.getMessage(),
        List.of());
  }
}
