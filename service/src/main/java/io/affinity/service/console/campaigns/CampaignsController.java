package io.affinity.service.console.campaigns;

import io.affinity.campaigns.campaign.CampaignService;
import io.affinity.campaigns.campaign.CampaignView;
import io.affinity.core.error.NotFoundException;
import io.affinity.service.console.ConsoleViews;
import io.affinity.service.console.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /console/campaigns}: the campaigns with status, progress and engagement; {@code GET
 * /console/campaigns/{id}}: one campaign; {@code GET .../progress}: its live part, which the page
 * polls with htmx every 2 s while the campaign is running or scheduled. Every role may look.
 */
@Hidden
@Controller("/console/campaigns")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class CampaignsController {
  /** How many campaigns the list shows, newest first. */
  static final int SHOWN = 50;

  private final CampaignService campaigns;
  private final CampaignRows rows;
  private final ConsoleViews views;

  public CampaignsController(CampaignService campaigns, CampaignRows rows, ConsoleViews views) {
    this.campaigns = campaigns;
    this.rows = rows;
    this.views = views;
  }

  /** The newest campaigns. */
  @Get(produces = MediaType.TEXT_HTML)
  public HttpResponse<String> list(Authentication authentication) {
    Map<String, Object> model = Page.of("Campaigns", "campaigns", authentication);
    List<Map<String, Object>> list =
        campaigns.list(null, SHOWN, 0).stream().map(c -> rows.of(campaigns.find(c.id()))).toList();
    model.put("campaigns", list);
    model.put("shown", SHOWN);
    model.put("marketer", Roles.mayChange(authentication));
    return views.page("campaigns", model);
  }

  /** One campaign: settings, progress, engagement and what may be done with it. */
  @Get(value = "/{id}", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> campaign(
      @PathVariable String id,
      @Nullable @QueryValue String imported,
      Authentication authentication) {
    String notice = null;
    if (imported != null && imported.matches("\\d{1,9}")) {
      notice = "Imported " + imported + " recipients.";
    }
    return page(id, authentication, null, List.of(), notice, HttpStatus.OK);
  }

  /** The live part of the campaign's page (status, progress, engagement, actions), for htmx. */
  @Get(value = "/{id}/progress", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> progress(@PathVariable String id, Authentication authentication) {
    CampaignView c;
    try {
      c = campaigns.find(Roles.id(id));
    } catch (NotFoundException e) {
      return views.page(HttpStatus.NOT_FOUND, "campaign-missing", missing(id, authentication));
    }
    Map<String, Object> model = Page.of(c.name(), "campaigns", authentication);
    model.put("c", rows.of(c));
    model.put("marketer", Roles.mayChange(authentication));
    return views.page("campaign-live", model);
  }

  /** The campaign's page with {@code error} shown above it, or its 404 page. */
  HttpResponse<String> page(
      String id, Authentication authentication, String error, HttpStatus status) {
    return page(id, authentication, error, List.of(), null, status);
  }

  /** The campaign's page with {@code error} and its {@code details} above it, or its 404 page. */
  HttpResponse<String> page(
      String id,
      Authentication authentication,
      String error,
      List<String> details,
      String notice,
      HttpStatus status) {
    CampaignView c;
    try {
      c = campaigns.find(Roles.id(id));
    } catch (NotFoundException e) {
      return views.page(HttpStatus.NOT_FOUND, "campaign-missing", missing(id, authentication));
    }
    Map<String, Object> model = Page.of(c.name(), "campaigns", authentication);
    model.put("c", rows.detail(c));
    model.put("marketer", Roles.mayChange(authentication));
    if (error != null) {
      model.put("error", error);
    }
    model.put("details", details);
    if (notice != null) {
      model.put("notice", notice);
    }
    return views.page(status, "campaign", model);
  }

  static Map<String, Object> missing(String id, Authentication authentication) {
    Map<String, Object> model = Page.of("Campaign not found", "campaigns", authentication);
    model.put("id", id);
    return model;
  }
}
