package io.affinity.service.console.campaigns;

import io.affinity.campaigns.campaign.CampaignConflictException;
import io.affinity.campaigns.campaign.CampaignDrafts;
import io.affinity.campaigns.campaign.CampaignInput;
import io.affinity.campaigns.campaign.CampaignService;
import io.affinity.campaigns.campaign.CampaignView;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.Map;

/**
 * The draft form: {@code GET /console/campaigns/new} and its post create a draft; {@code GET
 * /console/campaigns/{id}/edit} and its post change one; {@code POST .../copy} makes a new draft of
 * any e-mail campaign; {@code POST .../schedule} moves a scheduled campaign's start. A refused form
 * comes back with each problem at its field (422). Marketers and admins only.
 */
@Hidden
@Controller("/console/campaigns")
@Secured({Roles.MARKETER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
public class CampaignFormController {
  private final CampaignService campaigns;
  private final CampaignDrafts drafts;
  private final Choices choices;
  private final ConsoleViews views;
  private final CsrfGuard csrf;
  private final CampaignsController pages;

  public CampaignFormController(
      CampaignService campaigns,
      CampaignDrafts drafts,
      Choices choices,
      ConsoleViews views,
      CsrfGuard csrf,
      CampaignsController pages) {
    this.pages = pages;
    this.campaigns = campaigns;
    this.drafts = drafts;
    this.choices = choices;
    this.views = views;
    this.csrf = csrf;
  }

  /** An empty draft form. */
  @Get(value = "/new", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> blank(Authentication authentication) {
    return form(authentication, CampaignForm.blank(), null, HttpStatus.OK);
  }

  /** Creates the draft and shows it; or the form again with its problems. */
  @Post(produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<?> create(
      HttpRequest<?> request, Authentication authentication, @Nullable @Body String body) {
    FormFields fields = FormFields.parse(body);
    csrf.check(request, fields.get(Page.CSRF_FIELD));
    CampaignForm form = CampaignForm.posted(fields);
    CampaignInput input = form.input();
    if (form.hasErrors()) {
      return form(authentication, form, null, HttpStatus.UNPROCESSABLE_ENTITY);
    }
    try {
      CampaignView created = campaigns.create(input);
      return HttpResponse.seeOther(URI.create("/console/campaigns/" + created.id()));
    } catch (InvalidInputException e) {
      form.reject(e.errors());
      return form(authentication, form, null, HttpStatus.UNPROCESSABLE_ENTITY);
    }
  }

  /** The form filled with a draft's settings. */
  @Get(value = "/{id}/edit", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> edit(@PathVariable String id, Authentication authentication) {
    CampaignView c;
    try {
      c = campaigns.find(Roles.id(id));
    } catch (NotFoundException e) {
      return missing(id, authentication);
    }
    String warning =
        c.status().equals("draft")
            ? null
            : "This campaign is " + c.status() + ": only a draft can be edited. Copy it instead.";
    return form(authentication, CampaignForm.of(c), c, warning, HttpStatus.OK);
  }

  /** Saves the draft's new settings; the form again with its problems, or 409 past draft. */
  @Post(value = "/{id}/edit", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<?> update(
      @PathVariable String id,
      HttpRequest<?> request,
      Authentication authentication,
      @Nullable @Body String body) {
    FormFields fields = FormFields.parse(body);
    csrf.check(request, fields.get(Page.CSRF_FIELD));
    CampaignView c;
    try {
      c = campaigns.find(Roles.id(id));
    } catch (NotFoundException e) {
      return missing(id, authentication);
    }
    CampaignForm form = CampaignForm.posted(fields);
    CampaignInput input = form.input();
    if (form.hasErrors()) {
      return form(authentication, form, c, null, HttpStatus.UNPROCESSABLE_ENTITY);
    }
    try {
      drafts.update(c.id(), input, authentication.getName());
      return HttpResponse.seeOther(URI.create("/console/campaigns/" + c.id()));
    } catch (InvalidInputException e) {
      form.reject(e.errors());
      return form(authentication, form, c, null, HttpStatus.UNPROCESSABLE_ENTITY);
    } catch (CampaignConflictException e) {
      return form(authentication, form, c, e.getMessage(), HttpStatus.CONFLICT);
    }
  }

  /** A new draft with this campaign's settings, opened in the form. */
  @Post(value = "/{id}/copy", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<?> copy(
      @PathVariable String id,
      HttpRequest<?> request,
      Authentication authentication,
      @Nullable @Body String body) {
    csrf.check(request, FormFields.parse(body).get(Page.CSRF_FIELD));
    try {
      CampaignView copy = drafts.copy(Roles.id(id), authentication.getName());
      return HttpResponse.seeOther(URI.create("/console/campaigns/" + copy.id() + "/edit"));
    } catch (NotFoundException e) {
      return missing(id, authentication);
    }
  }

  /**
   * Moves the start of a scheduled (or draft) campaign to the posted {@code scheduledAt} (UTC;
   * empty: at once for a scheduled campaign); the campaign's page, with the reason if refused.
   */
  @Post(value = "/{id}/schedule", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<?> reschedule(
      @PathVariable String id,
      HttpRequest<?> request,
      Authentication authentication,
      @Nullable @Body String body) {
    FormFields fields = FormFields.parse(body);
    csrf.check(request, fields.get(Page.CSRF_FIELD));
    String at = fields.get("scheduledAt");
    java.time.Instant start = null;
    if (!at.isEmpty()) {
      try {
        start = java.time.LocalDateTime.parse(at).toInstant(java.time.ZoneOffset.UTC);
      } catch (java.time.format.DateTimeParseException e) {
        return pages.page(
            id,
            authentication,
            "Enter the new start as a date and time (UTC), such as 2030-01-31T09:00.",
            HttpStatus.UNPROCESSABLE_ENTITY);
      }
    }
    try {
      drafts.reschedule(Roles.id(id), start, authentication.getName());
      return HttpResponse.seeOther(URI.create("/console/campaigns/" + Roles.id(id)));
    } catch (NotFoundException e) {
      return missing(id, authentication);
    } catch (CampaignConflictException e) {
      return pages.page(id, authentication, e.getMessage(), HttpStatus.CONFLICT);
    }
  }

  private HttpResponse<String> missing(String id, Authentication authentication) {
    return views.page(
        HttpStatus.NOT_FOUND, "campaign-missing", CampaignsController.missing(id, authentication));
  }

  private HttpResponse<String> form(
      Authentication authentication, CampaignForm form, String warning, HttpStatus status) {
    return form(authentication, form, null, warning, status);
  }

  private HttpResponse<String> form(
      Authentication authentication,
      CampaignForm form,
      @Nullable CampaignView editing,
      @Nullable String warning,
      HttpStatus status) {
    Map<String, Object> model =
        Page.of(
            editing == null ? "New campaign" : "Edit " + editing.name(),
            "campaigns",
            authentication);
    model.put("form", form.values());
    model.put("errors", form.errors());
    model.put("rows", CampaignForm.ROWS);
    model.put("segments", choices.segments());
    model.put("templates", choices.templates());
    model.put(
        "action",
        editing == null ? "/console/campaigns" : "/console/campaigns/" + editing.id() + "/edit");
    model.put("editing", editing != null);
    model.put("id", editing == null ? "" : Long.toString(editing.id()));
    model.put("snapshot", snapshotChoice(form));
    if (warning != null) {
      model.put("warning", warning);
    }
    return views.page(status, "campaign-form", model);
  }

  /** The audience option of a campaign given a snapshot and no segment (made through the API). */
  private static String snapshotChoice(CampaignForm form) {
    String audience = form.values().get("audience");
    return audience != null && audience.startsWith("snapshot:") ? audience : "";
  }
}
