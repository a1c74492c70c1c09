package io.affinity.service.api.campaigns;

import io.affinity.campaigns.campaign.CampaignDrafts;
import io.affinity.campaigns.campaign.CampaignInput;
import io.affinity.campaigns.campaign.CampaignView;
import io.affinity.service.api.JsonBodies;
import io.affinity.service.api.Parameters;
import io.affinity.service.security.RequiresScope;
import io.affinity.service.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A campaign before it sends: edit a draft, copy a campaign, move its start. */
@Controller("/api/campaigns/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "campaigns")
@RequiresScope(Scope.MARKETING)
public class CampaignDraftController {
  private final CampaignDrafts drafts;
  private final JsonBodies bodies;

  public CampaignDraftController(CampaignDrafts drafts, JsonBodies bodies) {
    this.drafts = drafts;
    this.bodies = bodies;
  }

  /**
   * Replaces every setting of a draft (the same fields, checked the same way, as creating one). 409
   * when the campaign is not a draft.
   *
   * @param id the campaign's id
   * @param json the campaign, as for {@code POST /api/campaigns}
   * @return the draft
   */
  @Put
  @RequestBody(content = @Content(schema = @Schema(implementation = CampaignInput.class)))
  public CampaignView update(
      @PathVariable String id, @Nullable @Body byte[] json, HttpRequest<?> request) {
    long campaign = Parameters.id("campaign", id);
    return drafts.update(campaign, bodies.object(json, CampaignInput.class), Actors.of(request));
  }

  /**
   * A new draft with the settings of this campaign (any status), named "Copy of ...". A campaign
   * given a segment keeps the segment, whose audience the copy freezes at its own launch.
   *
   * @param id the campaign's id
   * @return the new draft, 201
   */
  @Post("/copy")
  public HttpResponse<CampaignView> copy(@PathVariable String id, HttpRequest<?> request) {
    CampaignView copy = drafts.copy(Parameters.id("campaign", id), Actors.of(request));
    return HttpResponse.<CampaignView>status(HttpStatus.CREATED).body(copy);
  }

  /**
   * Moves the start of a draft or scheduled campaign; 409 for any other status.
   *
   * @param id the campaign's id
   * @param json {@code {"scheduledAt": "2030-01-01T09:00:00Z"}}, or null for at launch (a draft) or
   *     at once (a scheduled campaign)
   * @return the campaign
   */
  @Put("/schedule")
  @RequestBody(content = @Content(schema = @Schema(implementation = ScheduleInput.class)))
  public CampaignView reschedule(
      @PathVariable String id, @Nullable @Body byte[] json, HttpRequest<?> request) {
    long campaign = Parameters.id("campaign", id);
    ScheduleInput in = bodies.object(json, ScheduleInput.class);
    return drafts.reschedule(campaign, in.scheduledAt(), Actors.of(request));
  }
}
