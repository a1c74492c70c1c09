package io.affinity.service.console.campaigns;

import io.affinity.campaigns.campaign.CampaignConflictException;
import io.affinity.campaigns.campaign.CampaignService;
import io.affinity.campaigns.campaign.CampaignView;
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
import java.util.Optional;

/**
 * Launch, pause, resume and cancel, each in two steps: {@code GET
 * /console/campaigns/{id}/actions/{action}} asks, and only its post with {@code confirm=yes} (and
 * the CSRF token) acts; a post without the confirmation asks again. Each action is written to the
 * audit log with the user's name. Marketers and admins only.
 */
@Hidden
@Controller("/console/campaigns/{id}/actions/{action}")
@Secured({Roles.MARKETER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
public class CampaignActionsController {
  private final CampaignService campaigns;
  private final CampaignsController pages;
  private final ConsoleViews views;
  private final CsrfGuard csrf;

  public CampaignActionsController(
      CampaignService campaigns, CampaignsController pages, ConsoleViews views, CsrfGuard csrf) {
    this.campaigns = campaigns;
    this.pages = pages;
    this.views = views;
    this.csrf = csrf;
  }

  /** The question, with a button that confirms it and a link back. */
  @Get(produces = MediaType.TEXT_HTML)
  public HttpResponse<String> ask(
      @PathVariable String id, @PathVariable String action, Authentication authentication) {
    return confirmation(id, action, authentication);
  }

  /** Acts if confirmed, then shows the campaign; else asks. */
  @Post(produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<?> act(
      @PathVariable String id,
      @PathVariable String action,
      HttpRequest<?> request,
      Authentication authentication,
      @Nullable @Body String body) {
    FormFields fields = FormFields.parse(body);
    csrf.check(request, fields.get(Page.CSRF_FIELD));
    Optional<CampaignAction> what = CampaignAction.of(action);
    if (what.isEmpty() || !"yes".equals(fields.get("confirm"))) {
      return confirmation(id, action, authentication);
    }
    try {
      CampaignView done = what.get().apply(campaigns, Roles.id(id), authentication.getName());
      return HttpResponse.seeOther(URI.create("/console/campaigns/" + done.id()));
    } catch (NotFoundException e) {
      return pages.page(id, authentication, null, HttpStatus.NOT_FOUND);
    } catch (CampaignConflictException e) {
      return pages.page(id, authentication, e.getMessage(), HttpStatus.CONFLICT);
    }
  }

  private HttpResponse<String> confirmation(
      String id, String action, Authentication authentication) {
    Optional<CampaignAction> what = CampaignAction.of(action);
    CampaignView c;
    try {
      c = campaigns.find(Roles.id(id));
    } catch (NotFoundException e) {
      return pages.page(id, authentication, null, HttpStatus.NOT_FOUND);
    }
    if (what.isEmpty()) {
      return pages.page(
          id, authentication, "There is no action '" + action + "'.", HttpStatus.NOT_FOUND);
    }
    Map<String, Object> model =
        Page.of(what.get().label + " " + c.name() + "?", "campaigns", authentication);
    model.put("id", Long.toString(c.id()));
    model.put("name", c.name());
    model.put("status", c.status());
    model.put("label", what.get().label);
    model.put("question", what.get().question);
    model.put("action", what.get().path());
    return views.page("campaign-confirm", model);
  }
}
