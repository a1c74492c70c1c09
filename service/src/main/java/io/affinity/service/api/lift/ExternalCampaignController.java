package io.affinity.service.api.lift;

import io.affinity.campaigns.external.ExternalCampaignInput;
import io.affinity.campaigns.external.ExternalCampaigns;
import io.affinity.campaigns.external.ImportedRecipients;
import io.affinity.campaigns.lift.CampaignFacts;
import io.affinity.service.api.JsonBodies;
import io.affinity.service.security.RequiresScope;
import io.affinity.service.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Campaigns sent by other tools: register one, import its recipients from CSV. */
@Controller("/api/campaigns")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "lift")
@RequiresScope(Scope.MARKETING)
public class ExternalCampaignController {
  private final ExternalCampaigns campaigns;
  private final JsonBodies bodies;

  public ExternalCampaignController(ExternalCampaigns campaigns, JsonBodies bodies) {
    this.campaigns = campaigns;
    this.bodies = bodies;
  }

  /**
   * Registers a campaign sent by another tool (kind {@code external}); import its recipients next.
   *
   * @param json {@code name}, {@code startedAt} (ISO-8601), {@code attributionDays}, {@code
   *     variants} (treatment arm names; {@code control} is implied)
   * @return the campaign, 201
   */
  @Post("/external")
  @RequestBody(content = @Content(schema = @Schema(implementation = ExternalCampaignInput.class)))
  public HttpResponse<CampaignFacts> register(@Nullable @Body byte[] json) {
    ExternalCampaignInput input = bodies.object(json, ExternalCampaignInput.class);
    return HttpResponse.status(HttpStatus.CREATED).body(campaigns.register(input));
  }

  /**
   * Imports an external campaign's recipients from CSV with the columns {@code customer_id} (the
   * shop's id) and {@code arm} ({@code control} or a variant). All or nothing: any unknown
   * customer, bad arm or duplicate is reported with its line number and nothing is stored.
   *
   * @param id the campaign
   * @param csv the file, UTF-8
   * @return how many recipients were imported, per arm
   */
  @Post("/{id}/recipients")
  @Consumes({"text/csv", "text/plain"})
  @RequestBody(content = @Content(mediaType = "text/csv"))
  public ImportedRecipients importRecipients(@PathVariable long id, @Nullable @Body byte[] csv) {
    byte[] bytes = csv == null ? new byte[0] : csv;
    return campaigns.importRecipients(
        id, new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
  }
}
