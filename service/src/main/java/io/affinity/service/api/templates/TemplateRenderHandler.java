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
import java.util.regex.Pattern;

/**
 * A template that parses but fails for a customer (a value it needs is missing, say): 422 naming
 * the line and column, so that the marketer can add a default ({@code ${x!"..."}}). A template that
 * goes past the render time or output limit, or recurses without end, is a 422 too, naming the
 * template, the limit and the line where it is known. Freemarker's messages name the Java classes
 * behind values ("(wrapper: f.t.SimpleScalar)", "HashMap wrapped into f.t.DefaultMapAdapter");
 * those go: a marketer needs the line and the kind of value, and a response names no Java class.
 */
@Produces
@Singleton
public class TemplateRenderHandler
    implements ExceptionHandler<TemplateRenderException, HttpResponse<Problem>> {
  /** "(wrapper: f.t.SimpleScalar)", "(HashMap wrapped into f.t.DefaultMapAdapter)". */
  private static final Pattern WRAPPER =
      Pattern.compile("\\s*\\((?:wrapper: |[\\w$.]+ wrapped into )[\\w$.]+\\)");

  /** Any other qualified class name under a package root a Java stack would show. */
  private static final Pattern QUALIFIED =
      Pattern.compile(
          "\\b(?:f\\.t|freemarker|java|javax|jakarta|org|com|io|sun|jdk)(?:\\.[a-z_$][\\w$]*)*"
              + "\\.[A-Z][\\w$]*");

  static String withoutJavaNames(String message) {
    if (message == null) {
      return "The template failed for this customer";
    }
    String text = WRAPPER.matcher(message).replaceAll("");
    return QUALIFIED.matcher(text).replaceAll("a value");
  }

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
        withoutJavaNames(e.getMessage()),
        List.of(new FieldError("template", reason)));
  }
}
