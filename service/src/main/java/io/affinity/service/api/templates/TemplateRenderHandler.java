package io.affinity.service.api.templates;

import io.affinity.campaigns.templates.TemplateRenderException;
import io.affinity.core.error.FieldError;
import io.affinity.service.problem.Problem;
import io.affinity.service.problem.ProblemType;
import io.affinity.service.problem.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * A template that parses but fails for a customer (a value it needs is missing, say): 422 naming
 * the line and column, so that the marketer can add a default ({@code ${x!"..."}}).
 */
@Produces
@Singleton
public class TemplateRenderHandler
    implements ExceptionHandler<TemplateRenderException, HttpResponse<Problem>> {
  @Override
  public HttpResponse<Problem> handle(HttpRequest request, TemplateRenderException e) {
    return Problems.of(
        ProblemType.INVALID_INPUT,
        request,
        e.getMessage(),
        List.of(
            new FieldError(
                "template",
                "line " + e.line() + ", column " + e.column() + ": fails for this customer")));
  }
}
