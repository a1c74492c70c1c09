package io.affinity.service.api.campaigns;

import io.affinity.campaigns.campaign.CampaignInput;
import io.affinity.campaigns.campaign.CampaignService;
import io.affinity.campaigns.campaign.CampaignStatus;
import io.affinity.campaigns.campaign.CampaignView;
import io.affinity.campaigns.campaign.RecipientState;
import io.affinity.campaigns.campaign.RecipientView;
import io.affinity.core.error.InvalidInputException;
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
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * E-mail campaigns: create, launch, pause, resume, cancel (each recorded in the audit log with the
 * API key's name), and watch their delivery.
 */
@Controller("/api/campaigns")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "campaigns")
@RequiresScope(Scope.MARKETING)
public class CampaignController {
  private final CampaignService campaigns;
  private final JsonBodies bodies;

  public CampaignController(CampaignService campaigns, JsonBodies bodies) {
    this.campaigns = campaigns;
    this.bodies = bodies;
  }

  /**
   * Creates a draft campaign to a segment snapshot.
   *
   * @param json the campaign: name, snapshotId, fromAddress, variants (templateId and weight each),
   *     controlPercent, householdAssignment, attributionDays, sendRatePerSecond, scheduledAt, topic
   *     (a lower-case token such as newsletter or offers: people who left it are not mailed)
   * @return the draft, with status 201
   */
  @Post
  @RequestBody(content = @Content(schema = @Schema(implementation = CampaignInput.class)))
  public HttpResponse<CampaignView> create(@Nullable @Body byte[] json) {
    CampaignView created = campaigns.create(bodies.object(json, CampaignInput.class));
    return HttpResponse.<CampaignView>status(HttpStatus.CREATED).body(created);
  }

  /**
   * Campaigns, newest first.
   *
   * @param status only campaigns in this status (draft, scheduled, running, paused, finished,
   *     cancelled)
   * @param limit at most this many (1 to 500, default 50)
   * @param offset skip this many
   * @return the campaigns, without progress
   */
  @Get
  public List<CampaignView> list(
      @Nullable @QueryValue String status,
      @Nullable @QueryValue String limit,
      @Nullable @QueryValue String offset) {
    CampaignStatus s = null;
    if (status != null) {
      s =
          Arrays.stream(CampaignStatus.values())
              .filter(v -> v.wireName().equals(status))
              .findFirst()
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "status",
                          "must be one of "
                              + Arrays.stream(CampaignStatus.values())
                                  .map(CampaignStatus::wireName)
                                  .collect(Collectors.joining(", "))));
    }
    return campaigns.list(
        s, number("limit", limit, 50, 1, 500), number("offset", offset, 0, 0, 1_000_000));
  }

  /**
   * A campaign with its progress: recipients per state (capped: over the frequency cap, not sent
   * but kept in their arm), the rate of the last minute, the ETA.
   *
   * @param id the campaign's id
   * @return the campaign
   */
  @Get("/{id}")
  public CampaignView find(@PathVariable String id) {
    return campaigns.find(id(id));
  }

  /**
   * Launches a draft: pins the templates' versions, writes the audience with each recipient's arm
   * (variant or control), and starts sending (or waits for {@code scheduledAt}). 409 when it is not
   * a draft or sending is disabled.
   *
   * @param id the campaign's id
   * @return the campaign
   */
  @Post("/{id}/launch")
  public CampaignView launch(@PathVariable String id, HttpRequest<?> request) {
    return campaigns.launch(id(id), Actors.of(request));
  }

  /**
   * Pauses a running campaign: no new recipients are claimed; messages in flight finish.
   *
   * @param id the campaign's id
   * @return the campaign
   */
  @Post("/{id}/pause")
  public CampaignView pause(@PathVariable String id, HttpRequest<?> request) {
    return campaigns.pause(id(id), Actors.of(request));
  }

  /**
   * Resumes a paused campaign. Recipients a worker that died had handed to the SMTP server are
   * reported ambiguous (resent only through {@code /ambiguous/resend}); the rest of its claims are
   * sent.
   *
   * @param id the campaign's id
   * @return the campaign
   */
  @Post("/{id}/resume")
  public CampaignView resume(@PathVariable String id, HttpRequest<?> request) {
    return campaigns.resume(id(id), Actors.of(request));
  }

  /**
   * Cancels a campaign that has not finished; its pending recipients become cancelled.
   *
   * @param id the campaign's id
   * @return the campaign
   */
  @Post("/{id}/cancel")
  public CampaignView cancel(@PathVariable String id, HttpRequest<?> request) {
    return campaigns.cancel(id(id), Actors.of(request));
  }

  /**
   * The recipients of a campaign, optionally in one state: {@code ?state=ambiguous} lists those a
   * crashed worker may or may not have sent, for an operator to resend or settle.
   *
   * @param id the campaign's id
   * @param state only recipients in this state
   * @param after only recipients with a larger id (for paging)
   * @param limit at most this many (1 to 1000, default 100)
   * @return the recipients, by id
   */
  @Get("/{id}/recipients")
  public List<RecipientView> recipients(
      @PathVariable String id,
      @Nullable @QueryValue String state,
      @Nullable @QueryValue String after,
      @Nullable @QueryValue String limit) {
    RecipientState s = null;
    if (state != null) {
      s =
          RecipientState.fromWireName(state)
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "state",
                          "must be one of "
                              + Arrays.stream(RecipientState.values())
                                  .map(RecipientState::wireName)
                                  .collect(Collectors.joining(", "))));
    }
    return campaigns.recipients(
        id(id),
        s,
        number("after", after, 0, 0, Long.MAX_VALUE),
        (int) number("limit", limit, 100, 1, 1000));
  }

  private static long id(String id) {
    return Parameters.id("campaign", id);
  }

  private static int number(String field, String value, int dflt, int min, int max) {
    return (int) Parameters.wholeNumber(field, value, dflt, min, max);
  }

  private static long number(String field, String value, long dflt, long min, long max) {
    return Parameters.wholeNumber(field, value, dflt, min, max);
  }
}
