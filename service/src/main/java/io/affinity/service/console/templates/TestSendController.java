package io.affinity.service.console.templates;

import io.affinity.campaigns.singlemail.MailNotSentException;
import io.affinity.campaigns.singlemail.SendingDisabledException;
import io.affinity.campaigns.templates.TemplateRenderException;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.campaigns.templates.TemplateVersion;
import io.affinity.campaigns.templates.TemplateView;
import io.affinity.campaigns.testsend.TestSendRequest;
import io.affinity.campaigns.testsend.TestSendResult;
import io.affinity.campaigns.testsend.TestSends;
import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;
import io.affinity.core.error.UnavailableException;
import io.affinity.service.console.ConsoleViews;
import io.affinity.service.console.Page;
import io.affinity.service.console.session.CsrfGuard;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code POST /console/templates/{id}/test-sends}: mails a saved version (the one the editor was
 * opened at) rendered for the chosen customer to a test address, with the API's test-send logic
 * ({@link TestSends}: {@code [TEST]} in the subject, nothing recorded). From htmx the answer is a
 * fragment saying what was sent or why not; from a form without script, the editor page with it.
 */
@Hidden
@Controller("/console/templates")
@Secured({"marketer", "admin"})
@ExecuteOn(TaskExecutors.BLOCKING)
public class TestSendController {
  private final TestSends testSends;
  private final TemplateService templates;
  private final ConsoleViews views;
  private final CsrfGuard csrf;

  public TestSendController(
      TestSends testSends, TemplateService templates, ConsoleViews views, CsrfGuard csrf) {
    this.testSends = testSends;
    this.templates = templates;
    this.views = views;
    this.csrf = csrf;
  }

  /** Sends the test; 200 with the outcome in words, sent or not (htmx swaps only a 2xx). */
  @Post(value = "/{id}/test-sends", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<String> send(
      @PathVariable String id,
      HttpRequest<?> request,
      Authentication authentication,
      @Nullable @Body String body) {
    TemplateForm form = TemplateForm.parse(body);
    csrf.check(request, form.csrfToken());
    TemplateView t;
    try {
      t = templates.get(Long.parseLong(id));
    } catch (NotFoundException | NumberFormatException e) {
      Map<String, Object> model = Page.of("Template not found", "templates", authentication);
      model.put("id", id);
      model.put("version", "");
      return views.page(HttpStatus.NOT_FOUND, "template-not-found", model);
    }
    Map<String, Object> outcome = outcome(t.id(), form, authentication.getName());
    if (request.getHeaders().contains("HX-Request")) {
      return views.page("template-sent", outcome);
    }
    Map<String, Object> model = Page.of(t.name(), "templates", authentication);
    // The test form carries no sources: the editor shows the version that was tested.
    TemplateVersion shown = t.current();
    if (form.versionNumber() != null) {
      try {
        shown = templates.version(t.id(), form.versionNumber());
      } catch (NotFoundException e) {
        // The outcome says so; the editor shows the latest.
      }
    }
    EditorModel.fill(model, t, shown, null, form.customerId(), authentication);
    model.put("sent", outcome);
    return views.page("template-editor", model);
  }

  private Map<String, Object> outcome(long templateId, TemplateForm form, String user) {
    try {
      TestSendResult r =
          testSends.ofTemplate(
              templateId,
              new TestSendRequest(
                  form.customerId(), form.to(), null, form.versionNumber(), null, null),
              "console user " + user);
      return Map.of(
          "ok",
          true,
          "message",
          "Sent “"
              + r.subject()
              + "” (version "
              + r.templateVersion()
              + ", customer "
              + r.customerId()
              + ") to "
              + r.to()
              + ".");
    } catch (InvalidInputException e) {
      return failed(
          e.errors().stream()
              .map(TestSendController::describe)
              .collect(Collectors.joining("; ", "Not sent: ", ".")));
    } catch (NotFoundException e) {
      return failed("Not sent: no " + e.kind() + " with id “" + e.id() + "”.");
    } catch (TemplateRenderException e) {
      return failed(
          "Not sent: the template fails for this customer"
              + (e.line() > 0 ? " at line " + e.line() + ", column " + e.column() : "")
              + ": "
              + e.reason());
    } catch (SendingDisabledException | MailNotSentException | UnavailableException e) {
      return failed("Not sent: " + e.getMessage());
    }
  }

  private static Map<String, Object> failed(String message) {
    return Map.of("ok", false, "message", message);
  }

  /** A field error of the test-send logic in the words of the page's labels. */
  private static String describe(FieldError e) {
    String field =
        switch (e.field()) {
          case "customerId" -> "customer id";
          case "to" -> "send to";
          default -> e.field();
        };
    return field + " " + e.reason();
  }
}
