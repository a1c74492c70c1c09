package io.affinity.service.api.templates;

import io.affinity.campaigns.templates.TemplateLimitException;
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
import java.util.Locale;

/**
 * A template that parses but fails for a customer (a value it needs is missing, say): 422 naming
 * the line and column, so that the marketer can add a default ({@code ${x!"..."}}). A template that
 * goes past the render time or output limit, or recurses without end, is a 422 too, naming the
 * template, the limit and the line where it is known. The message names no Java class ({@link
 * TemplateRenderException} leaves them out).
 */
@Produces
@Singleton
public class TemplateRenderHandler
    implements ExceptionHandler<TemplateRenderException, HttpResponse<Problem>> {
  @Override
  public HttpResponse<Problem> handle(HttpRequest request, TemplateRenderException e) {
    String where = e.line() > 0 ? "line " + e.line() + ", column " + e.column() + ": " : "";
    String reason =
        e instanceof TemplateLimitException limit
            ? where + "goes past a limit (" + limit.limit().name().toLowerCase(Locale.ROOT) + ")"
            : where + "fails for this customer";
    return Problems.of(
        ProblemType.INVALID_INPUT,
        request,
        e.getMessage(),
        List.of(new FieldError("template", reason)));
  }
}
