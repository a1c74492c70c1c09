package io.affinity.service.console.triggers;

import io.affinity.campaigns.campaign.CampaignConflictException;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.campaigns.templates.TemplateView;
import io.affinity.campaigns.triggers.Trigger;
import io.affinity.campaigns.triggers.Triggers;
import io.affinity.core.audit.AuditLog;
import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;
import io.affinity.service.console.ConsoleViews;
import io.affinity.service.console.Page;
import io.affinity.service.console.PostedForm;
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
import io.micronaut.transaction.TransactionOperations;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The triggers pages under {@code /console/triggers}: everyone signed in reads them; marketers and
 * admins create, edit, pause and resume (the API's marketing scope). Every change is in the audit
 * log with the console user as its actor.
 */
@Hidden
@Controller("/console/triggers")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TriggersController {
  /** Audit subject type of a trigger. */
  public static final String TRIGGER = "trigger";

  /** Audit actions. */
  public static final String CREATE = "trigger-create";

  public static final String EDIT = "trigger-edit";
  public static final String PAUSE = "trigger-pause";
  public static final String RESUME = "trigger-resume";

  private static final int FIRINGS = 50;

  private final Triggers triggers;
  private final TemplateService templates;
  private final AuditLog audit;
  private final TransactionOperations<Connection> tx;
  private final ConsoleViews views;
  private final CsrfGuard csrf;

  public TriggersController(
      Triggers triggers,
      TemplateService templates,
      AuditLog audit,
      TransactionOperations<Connection> tx,
      ConsoleViews views,
      CsrfGuard csrf) {
    this.triggers = triggers;
    this.templates = templates;
    this.audit = audit;
    this.tx = tx;
    this.views = views;
    this.csrf = csrf;
  }

  /** The triggers, newest first. */
  @Get(produces = MediaType.TEXT_HTML)
  public HttpResponse<String> list(Authentication authentication) {
    Map<String, Object> model = page("Triggers", authentication);
    Map<Long, String> names = templateNames();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Trigger t : triggers.list(500, 0)) {
      rows.add(TriggerPages.row(t, names));
    }
    model.put("triggers", rows);
    return views.page("triggers", model);
  }

  /** A trigger, its settings and its firing log. */
  @Get(value = "/{id}", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> show(@PathVariable String id, Authentication authentication) {
    long trigger = id(id);
    try {
      Map<String, Object> model = page("Trigger", authentication);
      Trigger t = triggers.find(trigger);
      model.put("title", t.name());
      model.put("trigger", TriggerPages.row(t, templateNames()));
      model.put("counts", TriggerPages.counts(triggers.outcomes(trigger)));
      model.put("firings", TriggerPages.firings(triggers.firings(trigger, FIRINGS)));
      model.put("firingsShown", FIRINGS);
      return views.page("triggers-detail", model);
    } catch (NotFoundException e) {
      return missing(id, authentication);
    }
  }

  /** The form for a new trigger. */
  @Secured({"marketer", "admin"})
  @Get(value = "/new", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> newForm(Authentication authentication) {
    return form(HttpStatus.OK, null, TriggerForm.blank(), List.of(), authentication);
  }

  /** Creates a trigger: to its page, or the form again with the errors at their fields. */
  @Secured({"marketer", "admin"})
  @Post(produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<String> create(
      HttpRequest<?> request, Authentication authentication, @Nullable @Body String body) {
    PostedForm posted = PostedForm.parse(body);
    csrf.check(request, posted.csrfToken());
    TriggerForm form = TriggerForm.posted(posted);
    if (!form.errors.isEmpty()) {
      return form(HttpStatus.UNPROCESSABLE_ENTITY, null, form, List.of(), authentication);
    }
    try {
      Trigger t =
          tx.executeWrite(
              status -> {
                Trigger created = triggers.create(form.input());
                audit.append(
                    status.getConnection(),
                    authentication.getName(),
                    CREATE,
                    TRIGGER,
                    Long.toString(created.id()),
                    created.name());
                return created;
              });
      return HttpResponse.seeOther(URI.create("/console/triggers/" + t.id()));
    } catch (InvalidInputException e) {
      return invalid(null, form, e, authentication);
    }
  }

  /** The form for editing trigger {@code id}. */
  @Secured({"marketer", "admin"})
  @Get(value = "/{id}/edit", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> editForm(@PathVariable String id, Authentication authentication) {
    try {
      Trigger t = triggers.find(id(id));
      return form(HttpStatus.OK, t, TriggerForm.of(t), List.of(), authentication);
    } catch (NotFoundException e) {
      return missing(id, authentication);
    }
  }

  /** Saves trigger {@code id}'s new settings: to its page, or the form again with the errors. */
  @Secured({"marketer", "admin"})
  @Post(value = "/{id}", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<String> update(
      HttpRequest<?> request,
      @PathVariable String id,
      Authentication authentication,
      @Nullable @Body String body) {
    PostedForm posted = PostedForm.parse(body);
    csrf.check(request, posted.csrfToken());
    long trigger = id(id);
    Trigger stored;
    try {
      stored = triggers.find(trigger);
    } catch (NotFoundException e) {
      return missing(id, authentication);
    }
    TriggerForm form = TriggerForm.posted(posted);
    // The window length and the holdout share are fixed at creation: the form shows them but does
    // not send them.
    form.values.put("householdCapDays", Integer.toString(stored.householdCapDays()));
    form.values.put("holdoutPercent", stored.holdoutPercent().stripTrailingZeros().toPlainString());
    if (!form.errors.isEmpty()) {
      return form(HttpStatus.UNPROCESSABLE_ENTITY, stored, form, List.of(), authentication);
    }
    try {
      tx.executeWrite(
          status -> {
            Trigger updated = triggers.update(trigger, form.input());
            audit.append(
                status.getConnection(),
                authentication.getName(),
                EDIT,
                TRIGGER,
                Long.toString(trigger),
                changes(stored, updated));
            return updated;
          });
      return HttpResponse.seeOther(URI.create("/console/triggers/" + trigger));
    } catch (InvalidInputException e) {
      return invalid(stored, form, e, authentication);
    }
  }

  /** The confirmation before pausing trigger {@code id}. */
  @Secured({"marketer", "admin"})
  @Get(value = "/{id}/pause", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> confirmPause(@PathVariable String id, Authentication authentication) {
    return confirm(id, "pause", authentication);
  }

  /** The confirmation before resuming trigger {@code id}. */
  @Secured({"marketer", "admin"})
  @Get(value = "/{id}/resume", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> confirmResume(
      @PathVariable String id, Authentication authentication) {
    return confirm(id, "resume", authentication);
  }

  /** Pauses trigger {@code id} and its running campaigns. */
  @Secured({"marketer", "admin"})
  @Post(value = "/{id}/pause", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<String> pause(
      HttpRequest<?> request,
      @PathVariable String id,
      Authentication authentication,
      @Nullable @Body String body) {
    csrf.check(request, PostedForm.parse(body).csrfToken());
    return move(id, PAUSE, authentication);
  }

  /** Resumes trigger {@code id} and its paused campaigns. */
  @Secured({"marketer", "admin"})
  @Post(value = "/{id}/resume", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<String> resume(
      HttpRequest<?> request,
      @PathVariable String id,
      Authentication authentication,
      @Nullable @Body String body) {
    csrf.check(request, PostedForm.parse(body).csrfToken());
    return move(id, RESUME, authentication);
  }

  private HttpResponse<String> move(String id, String action, Authentication authentication) {
    long trigger = id(id);
    try {
      // Not in one transaction with the audit line: pausing and resuming tell the delivery
      // engine after their commit, and the engine must read the new status.
      Trigger t = PAUSE.equals(action) ? triggers.pause(trigger) : triggers.resume(trigger);
      tx.executeWrite(
          status ->
              audit.append(
                  status.getConnection(),
                  authentication.getName(),
                  action,
                  TRIGGER,
                  Long.toString(trigger),
                  t.name()));
      return HttpResponse.seeOther(URI.create("/console/triggers/" + trigger));
    } catch (NotFoundException e) {
      return missing(id, authentication);
    } catch (CampaignConflictException e) {
      Map<String, Object> model = page("Trigger", authentication);
      model.put("message", e.getMessage() + ".");
      model.put("back", "/console/triggers/" + trigger);
      return views.page(HttpStatus.CONFLICT, "triggers-missing", model);
    }
  }

  private HttpResponse<String> confirm(String id, String action, Authentication authentication) {
    try {
      Trigger t = triggers.find(id(id));
      Map<String, Object> model =
          page(action.equals("pause") ? "Pause trigger" : "Resume trigger", authentication);
      model.put("trigger", TriggerPages.row(t, templateNames()));
      model.put("action", action);
      return views.page("triggers-confirm", model);
    } catch (NotFoundException e) {
      return missing(id, authentication);
    }
  }

  private HttpResponse<String> invalid(
      @Nullable Trigger stored,
      TriggerForm form,
      InvalidInputException e,
      Authentication authentication) {
    List<String> general = new ArrayList<>();
    for (FieldError error : e.errors()) {
      String field = fieldOf(error.field(), form);
      if (field == null) {
        general.add(error.field() + ": " + error.reason());
      } else {
        form.errors.merge(field, error.reason(), (a, b) -> a + "; " + b);
      }
    }
    if (e.errors().isEmpty()) {
      general.add(e.getMessage());
    }
    return form(HttpStatus.UNPROCESSABLE_ENTITY, stored, form, general, authentication);
  }

  /** The form field an API error names, or null if the form has none. */
  private static String fieldOf(String field, TriggerForm form) {
    return form.values.containsKey(field) ? field : null;
  }

  private HttpResponse<String> form(
      HttpStatus status,
      @Nullable Trigger stored,
      TriggerForm form,
      List<String> general,
      Authentication authentication) {
    Map<String, Object> model =
        page(stored == null ? "New trigger" : "Edit " + stored.name(), authentication);
    model.put("editing", stored != null);
    model.put("action", stored == null ? "/console/triggers" : "/console/triggers/" + stored.id());
    model.put("cancel", stored == null ? "/console/triggers" : "/console/triggers/" + stored.id());
    model.put("v", form.values);
    model.put("errors", form.errors);
    model.put("general", general);
    List<Map<String, String>> options = new ArrayList<>();
    for (TemplateView t : templates.list()) {
      options.add(Map.of("id", Long.toString(t.id()), "name", t.name() + " (" + t.key() + ")"));
    }
    model.put("templates", options);
    return views.page(status, "triggers-form", model);
  }

  private HttpResponse<String> missing(String id, Authentication authentication) {
    Map<String, Object> model = page("No such trigger", authentication);
    model.put("message", "There is no trigger " + id + ".");
    model.put("back", "/console/triggers");
    return views.page(HttpStatus.NOT_FOUND, "triggers-missing", model);
  }

  private Map<String, Object> page(String title, Authentication authentication) {
    Map<String, Object> model = Page.of(title, "triggers", authentication);
    model.put(
        "mayEdit",
        authentication.getRoles().contains("marketer")
            || authentication.getRoles().contains("admin"));
    return model;
  }

  private Map<Long, String> templateNames() {
    Map<Long, String> names = new LinkedHashMap<>();
    for (TemplateView t : templates.list()) {
      names.put(t.id(), t.name());
    }
    return names;
  }

  /** What an edit changed, for the audit line: the fields that differ, old to new. */
  private static String changes(Trigger before, Trigger after) {
    Map<String, String> a = TriggerForm.of(before).values;
    Map<String, String> b = TriggerForm.of(after).values;
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : a.entrySet()) {
      String now = b.get(e.getKey());
      if (!e.getValue().equals(now)) {
        out.add(e.getKey() + ": " + e.getValue() + " -> " + now);
      }
    }
    return out.isEmpty() ? "no change" : String.join("; ", out);
  }

  /** A path id that is no number is a trigger that does not exist. */
  private static long id(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
