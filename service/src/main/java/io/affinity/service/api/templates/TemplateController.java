package io.affinity.service.api.templates;

import io.affinity.campaigns.compose.MessagePreview;
import io.affinity.campaigns.compose.PreviewResult;
import io.affinity.campaigns.templates.RenderCancellation;
import io.affinity.campaigns.templates.TemplateInput;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.campaigns.templates.TemplateView;
import io.affinity.core.error.InvalidInputException;
import io.affinity.service.api.ClientConnection;
import io.affinity.service.api.JsonBodies;
import io.affinity.service.api.RequestValidation;
import io.affinity.service.security.RequiresScope;
import io.affinity.service.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * E-mail templates: Freemarker sources checked against the sandbox on every save (a template that
 * tries {@code ?new}, {@code ?api} or Java classes, or does not parse, is a 422 naming the field,
 * line and column), versioned, and previewed for any customer.
 */
@Controller("/api/templates")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresScope(Scope.MARKETING)
@Tag(name = "templates")
public class TemplateController {
  private final TemplateService templates;
  private final MessagePreview preview;
  private final JsonBodies bodies;
  private final RequestValidation validation;

  public TemplateController(
      TemplateService templates,
      MessagePreview preview,
      JsonBodies bodies,
      RequestValidation validation) {
    this.templates = templates;
    this.preview = preview;
    this.bodies = bodies;
    this.validation = validation;
  }

  /**
   * Creates a template at version 1.
   *
   * @param json key, name, subject, html and optionally text
   * @return the template with its version
   */
  @Post
  @RequestBody(content = @Content(schema = @Schema(implementation = TemplateInput.class)))
  public HttpResponse<TemplateView> create(@Nullable @Body byte[] json) {
    return HttpResponse.created(templates.create(bodies.object(json, TemplateInput.class)));
  }

  /**
   * Saves a new version of a template; earlier versions are kept (campaigns pin theirs).
   *
   * @param id the template's id
   * @param json subject, html, optionally text and a new name
   * @return the template with every version, newest first
   */
  @Put("/{id}")
  @RequestBody(content = @Content(schema = @Schema(implementation = TemplateInput.class)))
  public TemplateView update(@PathVariable long id, @Nullable @Body byte[] json) {
    return templates.update(id, bodies.object(json, TemplateInput.class));
  }

  /**
   * A template with every version, newest first.
   *
   * @param id the template's id
   */
  @Get("/{id}")
  public TemplateView get(@PathVariable long id) {
    return templates.get(id);
  }

  /** Every template with its current version. */
  @Get
  public List<TemplateView> list() {
    return templates.list();
  }

  /**
   * Renders a template for a customer, with their own recommendations and offers; the links in it
   * are marked {@code ?preview=1} and record nothing when followed. A template past the render time
   * or output limit is a 422 naming the limit and the line. A client that closes its connection
   * stops the render at once (its thread is interrupted, as at the time limit), so a runaway
   * template holds no thread after its client has given up; Micronaut itself would let it run to
   * the limit.
   *
   * @param id the template's id
   * @param json the customer and optionally the version
   * @param http the request, for its connection
   * @return subject, HTML and text
   */
  @Post("/{id}/preview")
  @RequestBody(content = @Content(schema = @Schema(implementation = PreviewRequest.class)))
  public PreviewResult preview(
      @PathVariable long id, @Nullable @Body byte[] json, HttpRequest<?> http) {
    PreviewRequest request = validation.check(bodies.object(json, PreviewRequest.class));
    if (request.customerId() == null) {
      throw new InvalidInputException("customerId", "is required");
    }
    RenderCancellation cancellation = new RenderCancellation();
    try (ClientConnection.Watch watch = ClientConnection.onClose(http, cancellation::cancel)) {
      return preview.preview(id, request.version(), request.customerId(), cancellation);
    }
  }
}
