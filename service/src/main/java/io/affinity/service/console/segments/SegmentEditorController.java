package io.affinity.service.console.segments;

import io.affinity.campaigns.segments.SegmentView;
import io.affinity.campaigns.segments.Segments;
import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;
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
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The rule builder: {@code GET /console/segments/new} and {@code /{id}/edit} show it, {@code POST
 * /console/segments} saves a new segment and {@code POST /{id}/versions} the next version of one,
 * and {@code POST /preview} answers the live count, RFM split and sample of the rules being built
 * (an HTML fragment). Marketers and admins only; every post checks its CSRF token first.
 */
@Hidden
@Controller("/console/segments")
@Secured({"marketer", "admin"})
@ExecuteOn(TaskExecutors.BLOCKING)
public class SegmentEditorController {
  /** What a new segment starts from: everyone who may be e-mailed. */
  static final String STARTER =
      "{\"all\":[{\"field\":\"email_consent\",\"op\":\"=\",\"value\":true}]}";

  private final Segments segments;
  private final SegmentChanges changes;
  private final RuleSchema schema;
  private final ConsoleViews views;
  private final CsrfGuard csrf;
  private final JsonMapper json;

  public SegmentEditorController(
      Segments segments,
      SegmentChanges changes,
      RuleSchema schema,
      ConsoleViews views,
      CsrfGuard csrf,
      JsonMapper json) {
    this.segments = segments;
    this.changes = changes;
    this.schema = schema;
    this.views = views;
    this.csrf = csrf;
    this.json = json;
  }

  /** Whether {@code who} may build and save segments. */
  static boolean mayEdit(Authentication who) {
    return who.getRoles().contains("marketer") || who.getRoles().contains("admin");
  }

  /** The builder for a new segment. */
  @Get(value = "/new", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> newSegment(Authentication authentication) {
    return editor(
        HttpStatus.OK,
        null,
        new SegmentForm("", "", STARTER, "", false),
        List.of(),
        authentication);
  }

  /** The builder with segment {@code id}'s current version, to save the next one. */
  @Get(value = "/{id}/edit", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> edit(@PathVariable String id, Authentication authentication) {
    SegmentView s;
    try {
      s = segments.find(SegmentsController.number(id));
    } catch (NotFoundException e) {
      return SegmentsController.notFound(views, id, authentication);
    }
    String rules;
    try {
      rules = json.writeValueAsString(s.rules());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SegmentForm form =
        new SegmentForm(s.name(), s.description() == null ? "" : s.description(), rules, "", false);
    return editor(HttpStatus.OK, s, form, List.of(), authentication);
  }

  /** Saves a new segment: to its page, or the builder again with the problems at their rules. */
  @Post(produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<?> create(
      HttpRequest<?> request, @Nullable @Body String body, Authentication authentication) {
    SegmentForm form = SegmentForm.parse(body);
    csrf.check(request, form.csrfToken());
    try {
      long id = changes.create(form, authentication.getName());
      return HttpResponse.seeOther(URI.create("/console/segments/" + id));
    } catch (InvalidInputException e) {
      return editor(HttpStatus.UNPROCESSABLE_ENTITY, null, form, e.errors(), authentication);
    }
  }

  /** Saves the next version of segment {@code id}; earlier versions stay. */
  @Post(value = "/{id}/versions", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<?> update(
      HttpRequest<?> request,
      @PathVariable String id,
      @Nullable @Body String body,
      Authentication authentication) {
    SegmentForm form = SegmentForm.parse(body);
    csrf.check(request, form.csrfToken());
    SegmentView s;
    try {
      s = segments.find(SegmentsController.number(id));
    } catch (NotFoundException e) {
      return SegmentsController.notFound(views, id, authentication);
    }
    try {
      changes.update(s.id(), form, authentication.getName());
      return HttpResponse.seeOther(URI.create("/console/segments/" + s.id()));
    } catch (InvalidInputException e) {
      return editor(HttpStatus.UNPROCESSABLE_ENTITY, s, form, e.errors(), authentication);
    }
  }

  /**
   * What the posted rules select now: count, RFM split and sample, or the rules' problems by path
   * (status 200 either way, so that htmx swaps the fragment in).
   */
  @Post(value = "/preview", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<String> preview(HttpRequest<?> request, @Nullable @Body String body) {
    SegmentForm form = SegmentForm.parse(body);
    csrf.check(request, form.csrfToken());
    return views.page(
        "segments-preview", Map.of("preview", PreviewModel.of(() -> changes.preview(form))));
  }

  private HttpResponse<String> editor(
      HttpStatus status,
      @Nullable SegmentView existing,
      SegmentForm form,
      List<FieldError> errors,
      Authentication authentication) {
    String title = existing == null ? "New segment" : "Edit " + existing.name();
    Map<String, Object> model = Page.of(title, "segments", authentication);
    model.put(
        "action",
        existing == null
            ? "/console/segments"
            : "/console/segments/" + existing.id() + "/versions");
    model.put("id", existing == null ? "" : String.valueOf(existing.id()));
    model.put("nextVersion", existing == null ? 1 : existing.version() + 1);
    model.put("name", form.name());
    model.put("description", form.description());
    model.put("rules", form.rules());
    model.put("schema", schema.json());
    model.put(
        "errors",
        errors.stream().map(e -> Map.of("field", e.field(), "reason", e.reason())).toList());
    model.put("nameError", reason(errors, "name"));
    model.put("descriptionError", reason(errors, "description"));
    return views.page(status, "segments-editor", model);
  }

  private static String reason(List<FieldError> errors, String field) {
    return errors.stream()
        .filter(e -> e.field().equals(field))
        .map(FieldError::reason)
        .findFirst()
        .orElse("");
  }
}
