package io.affinity.service.console.templates;

import io.affinity.campaigns.compose.MessagePreview;
import io.affinity.campaigns.compose.PreviewResult;
import io.affinity.campaigns.templates.RenderCancellation;
import io.affinity.campaigns.templates.RenderCancelledException;
import io.affinity.campaigns.templates.TemplateRenderException;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.campaigns.templates.TemplateVersion;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;
import io.affinity.core.error.UnavailableException;
import io.affinity.service.api.ClientConnection;
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
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Map;

/**
 * The editor's live preview. {@code POST /console/templates/preview} (htmx, as the marketer types)
 * renders what the editor holds, unsaved, for the chosen customer with the preview API's service
 * and render limits ({@link MessagePreview}), and answers a fragment: the subject, a sandboxed
 * frame for the HTML and the text part, or each problem at its line. Its status is 200 either way
 * (htmx swaps only successful answers). A request that a newer one replaces is aborted by htmx,
 * which closes the connection and stops its render. {@code GET /console/templates/previews/{token}}
 * is the frame's document, with a policy of its own: no script, no form, no plugin, styles and
 * images as a mail client would load them, framed by the console only.
 */
@Hidden
@Controller("/console/templates")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TemplatePreviewController {
  /** The frame's policy: the message's own styles and images, nothing that runs. */
  static final String FRAME_CSP =
      "sandbox; default-src 'none'; img-src http: https: data:; style-src 'unsafe-inline' http:"
          + " https:; font-src http: https: data:; form-action 'none'; base-uri 'none';"
          + " frame-ancestors 'self'";

  /** The longest customer id looked up. */
  static final int MAX_CUSTOMER_ID = 200;

  private final TemplateService templates;
  private final MessagePreview preview;
  private final PreviewDocuments documents;
  private final ConsoleViews views;
  private final CsrfGuard csrf;

  public TemplatePreviewController(
      TemplateService templates,
      MessagePreview preview,
      PreviewDocuments documents,
      ConsoleViews views,
      CsrfGuard csrf) {
    this.templates = templates;
    this.preview = preview;
    this.documents = documents;
    this.views = views;
    this.csrf = csrf;
  }

  /** The preview fragment of the posted editor form. */
  @Post(value = "/preview", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<String> preview(
      HttpRequest<?> request, Authentication authentication, @Nullable @Body String body) {
    TemplateForm form = TemplateForm.parse(body);
    csrf.check(request, form.csrfToken());
    Map<String, Object> model = Page.of("Preview", "templates", authentication);
    model.put("problems", List.of());
    model.put("customerId", form.customerId());
    if (form.subject().isBlank() || form.html().isBlank()) {
      // A new template before anything is written: nothing wrong yet, nothing to show.
      model.put("note", "Write a subject and the HTML to see the preview.");
      return fragment(model);
    }
    TemplateVersion draft;
    try {
      draft = templates.draft(form.input());
    } catch (InvalidInputException e) {
      model.put("problems", SourceProblem.of(e, form));
      return fragment(model);
    }
    if (form.customerId().isEmpty()) {
      model.put("note", "Enter a customer id to see the message as they would get it.");
      return fragment(model);
    }
    if (form.customerId().length() > MAX_CUSTOMER_ID) {
      model.put("note", "That customer id is too long.");
      return fragment(model);
    }
    RenderCancellation cancellation = new RenderCancellation();
    try (ClientConnection.Watch watch = ClientConnection.onClose(request, cancellation::cancel)) {
      PreviewResult r = preview.previewDraft(draft, form.customerId(), cancellation);
      model.put("subject", r.subject());
      model.put("text", r.text());
      model.put(
          "frame",
          "/console/templates/previews/" + documents.put(authentication.getName(), r.html()));
    } catch (NotFoundException e) {
      model.put("note", "No customer with id “" + form.customerId() + "”.");
    } catch (TemplateRenderException e) {
      model.put("problems", List.of(SourceProblem.of(e, form)));
    } catch (UnavailableException e) {
      model.put("note", e.getMessage());
    } catch (RenderCancelledException e) {
      // The browser gave up on this preview for a newer one: nobody reads this answer.
      model.put("note", "");
    }
    return fragment(model);
  }

  /** The HTML of a preview, for its frame; 404 for someone else's or an expired one. */
  @Get(value = "/previews/{token}", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> document(@PathVariable String token, Authentication authentication) {
    return documents
        .get(authentication.getName(), token)
        .<HttpResponse<String>>map(
            html ->
                HttpResponse.ok(html)
                    .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                    .header("Content-Security-Policy", FRAME_CSP)
                    .header("X-Frame-Options", "SAMEORIGIN")
                    .header("Cache-Control", "no-store"))
        .orElseGet(
            () ->
                HttpResponse.<String>status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.TEXT_PLAIN_TYPE)
                    .header("Content-Security-Policy", FRAME_CSP)
                    .header("X-Frame-Options", "SAMEORIGIN")
                    .body("This preview has expired: change the template to make a new one."));
  }

  private HttpResponse<String> fragment(Map<String, Object> model) {
    return views.page("template-preview", model);
  }
}
