package io.affinity.service.api.campaigns;

import io.affinity.campaigns.campaign.AmbiguousRecipients;
import io.affinity.campaigns.campaign.AmbiguousResolution;
import io.affinity.core.error.InvalidInputException;
import io.affinity.service.api.JsonBodies;
import io.affinity.service.api.Parameters;
import io.affinity.service.security.ApiKeyFilter;
import io.affinity.service.security.RequiresScope;
import io.affinity.service.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * An operator's decision about a campaign's ambiguous recipients (handed to the SMTP server by a
 * worker that died before recording the reply): resend them or settle them as sent. Each decision
 * is recorded on the rows and in the audit log with the API key's name.
 */
@Controller("/api/campaigns/{id}/ambiguous")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "campaigns")
@RequiresScope(Scope.MARKETING)
public class AmbiguousRecipientsController {
  private final AmbiguousRecipients ambiguous;
  private final JsonBodies bodies;

  public AmbiguousRecipientsController(AmbiguousRecipients ambiguous, JsonBodies bodies) {
    this.ambiguous = ambiguous;
    this.bodies = bodies;
  }

  /**
   * Sends the ambiguous recipients again, with the Message-ID stored for each (a receiving server
   * that got the first copy can collapse the second). Needs {@code "confirm": true} (422 without);
   * 409 for a cancelled campaign. A finished campaign runs again until they are sent.
   *
   * @param id the campaign's id
   * @param json {@code {"confirm": true}}, optionally with {@code "recipientIds": [...]}
   * @return how many recipients are to be sent again, and the campaign's status
   */
  @Post("/resend")
  @RequestBody(content = @Content(schema = @Schema(implementation = AmbiguousResendInput.class)))
  public AmbiguousResolution resend(
      @PathVariable String id, @Nullable @Body byte[] json, HttpRequest<?> request) {
    long campaignId = Parameters.id("campaign", id);
    if (json == null || new String(json, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      throw unconfirmed();
    }
    AmbiguousResendInput in = bodies.object(json, AmbiguousResendInput.class);
    if (!Boolean.TRUE.equals(in.confirm())) {
      throw unconfirmed();
    }
    return ambiguous.resend(campaignId, in.recipientIds(), actor(request));
  }

  /**
   * Records the ambiguous recipients as sent (at the time their message was handed over), for an
   * operator who found them delivered (the SMTP server's log, for instance).
   *
   * @param id the campaign's id
   * @param json optional: {@code {"recipientIds": [...]}}; no body settles every ambiguous one
   * @return how many recipients were settled
   */
  @Post("/settle")
  @RequestBody(content = @Content(schema = @Schema(implementation = AmbiguousSettleInput.class)))
  public AmbiguousResolution settle(
      @PathVariable String id, @Nullable @Body byte[] json, HttpRequest<?> request) {
    long campaignId = Parameters.id("campaign", id);
    AmbiguousSettleInput in =
        json == null || new String(json, java.nio.charset.StandardCharsets.UTF_8).isBlank()
            ? new AmbiguousSettleInput(null)
            : bodies.object(json, AmbiguousSettleInput.class);
    return ambiguous.settle(campaignId, in.recipientIds(), actor(request));
  }

  private static InvalidInputException unconfirmed() {
    return new InvalidInputException(
        "confirm", "must be true: a recipient whose first message was accepted gets a second copy");
  }

  private static String actor(HttpRequest<?> request) {
    return request.getAttribute(ApiKeyFilter.KEY_NAME_ATTRIBUTE, String.class).orElse("unknown");
  }
}
