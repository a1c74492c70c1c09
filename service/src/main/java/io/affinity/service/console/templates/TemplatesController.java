package io.affinity.service.console.templates;

import io.affinity.campaigns.templates.TemplateService;
import io.affinity.campaigns.templates.TemplateVersion;
import io.affinity.campaigns.templates.TemplateView;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;
import io.affinity.service.console.ConsoleViews;
import io.affinity.service.console.Formats;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /console/templates}: the templates; {@code GET /console/templates/{id}}: the editor
 * with the versions ({@code ?version=} opens an earlier one); {@code GET /console/templates/new}
 * and {@code POST /console/templates}: a new template; {@code POST
 * /console/templates/{id}/versions}: saves the editor as the next version. A refused save shows the
 * editor again with what was written and each problem at its line. Saves are audited ({@link
 * TemplateChanges}).
 */
@Hidden
@Controller("/console/templates")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TemplatesController {
  private final TemplateService templates;
  private final TemplateChanges changes;
  private final ConsoleViews views;
  private final CsrfGuard csrf;

  TemplatesController(
      TemplateService templates, TemplateChanges changes, ConsoleViews views, CsrfGuard csrf) {
    this.templates = templates;
    this.changes = changes;
    this.views = views;
    this.csrf = csrf;
  }

  /** Every template with its latest version and when it changed. */
  @Get(produces = MediaType.TEXT_HTML)
  public HttpResponse<String> list(Authentication authentication) {
    Map<String, Object> model = Page.of("Templates", "templates", authentication);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (TemplateView t : templates.list()) {
      rows.add(
          Map.of(
              "id", t.id(),
              "key", t.key(),
              "name", t.name(),
              "version", t.currentVersion(),
              "updated", Formats.time(t.updatedAt())));
    }
    model.put("templates", rows);
    model.put("canEdit", EditorModel.canEdit(authentication));
    return views.page("templates", model);
  }

  /** An empty editor for a new template. */
  @Get(value = "/new", produces = MediaType.TEXT_HTML)
  @Secured({"marketer", "admin"})
  public HttpResponse<String> blank(Authentication authentication) {
    Map<String, Object> model = Page.of("New template", "templates", authentication);
    return views.page("template-editor", EditorModel.fill(model, null, null, null, authentication));
  }

  /** The editor with the current version, or {@code version}; a 404 page for neither. */
  @Get(value = "/{id}", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> editor(
      @PathVariable String id,
      @Nullable @QueryValue Integer version,
      @Nullable @QueryValue Integer saved,
      @Nullable @QueryValue String customer,
      Authentication authentication) {
    TemplateView t;
    TemplateVersion shown;
    try {
      t = templates.get(Long.parseLong(id));
      shown = version == null ? t.current() : templates.version(t.id(), version);
    } catch (NotFoundException | NumberFormatException e) {
      return notFound(id, version, authentication);
    }
    Map<String, Object> model = Page.of(t.name(), "templates", authentication);
    // The customer previewed before a save is previewed again after it.
    EditorModel.fill(model, t, shown, null, customer, authentication);
    if (saved != null) {
      model.put("saved", "Saved as version " + saved + ".");
    }
    return views.page("template-editor", model);
  }

  /** Creates a template from the editor: to its editor, or the form again with the problems. */
  @Post(produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Secured({"marketer", "admin"})
  public HttpResponse<String> create(
      HttpRequest<?> request, Authentication authentication, @Nullable @Body String body) {
    TemplateForm form = TemplateForm.parse(body);
    csrf.check(request, form.csrfToken());
    try {
      TemplateView t = changes.create(form.input(), authentication.getName());
      return HttpResponse.seeOther(editorAfterSave(t.id(), 1, form));
    } catch (InvalidInputException e) {
      Map<String, Object> model = Page.of("New template", "templates", authentication);
      EditorModel.fill(model, null, null, form, authentication);
      model.put("problems", SourceProblem.of(e, form));
      return views.page(HttpStatus.UNPROCESSABLE_ENTITY, "template-editor", model);
    }
  }

  /** Saves the editor as the next version of template {@code id}. */
  @Post(value = "/{id}/versions", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Secured({"marketer", "admin"})
  public HttpResponse<String> save(
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
      return notFound(id, null, authentication);
    }
    try {
      TemplateView saved = changes.update(t.id(), form.input(), authentication.getName());
      return HttpResponse.seeOther(editorAfterSave(t.id(), saved.currentVersion(), form));
    } catch (InvalidInputException e) {
      Map<String, Object> model = Page.of(t.name(), "templates", authentication);
      EditorModel.fill(model, t, t.current(), form, authentication);
      model.put("problems", SourceProblem.of(e, form));
      return views.page(HttpStatus.UNPROCESSABLE_ENTITY, "template-editor", model);
    }
  }

  /** The editor saying version {@code version} was saved, still previewing the form's customer. */
  private static URI editorAfterSave(long id, int version, TemplateForm form) {
    String customer =
        form.customerId().isEmpty()
            ? ""
            : "&customer=" + URLEncoder.encode(form.customerId(), StandardCharsets.UTF_8);
    return URI.create("/console/templates/" + id + "?saved=" + version + customer);
  }

  private HttpResponse<String> notFound(
      String id, @Nullable Integer version, Authentication authentication) {
    Map<String, Object> model = Page.of("Template not found", "templates", authentication);
    model.put("id", id);
    model.put("version", version == null ? "" : " version " + version);
    return views.page(HttpStatus.NOT_FOUND, "template-not-found", model);
  }
}
