package io.affinity.service.api.campaigns;

import io.affinity.campaigns.testsend.TestSendRequest;
import io.affinity.campaigns.testsend.TestSendResult;
import io.affinity.campaigns.testsend.TestSends;
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

/** Test sends of a campaign: its message for one customer, to a test address. */
@Controller("/api/campaigns")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "campaigns")
@RequiresScope(Scope.MARKETING)
public class CampaignTestSendController {
  private final TestSends testSends;
  private final JsonBodies bodies;

  public CampaignTestSendController(TestSends testSends, JsonBodies bodies) {
    this.testSends = testSends;
    this.bodies = bodies;
  }

  /**
   * Mails the campaign's message as customer {@code customerId} would get it (the variant's pinned
   * template version, the campaign's sender) to {@code to}, with {@code [TEST]} before the subject.
   * Its links are previews that record nothing; no offer exposure, ledger entry or recipient row is
   * written. 404 for an unknown campaign or customer, 409 when sending is disabled, 422 for a bad
   * address or a template that fails for the customer.
   *
   * @param id the campaign's id
   * @param json customerId, to, and optionally variant
   * @return the Message-ID, the address and the subject
   */
  @Post("/{id}/test-sends")
  @RequestBody(content = @Content(schema = @Schema(implementation = TestSendRequest.class)))
  public TestSendResult testSend(
      @PathVariable String id, @Nullable @Body byte[] json, HttpRequest<?> request) {
    long campaign = Parameters.id("campaign", id);
    return testSends.ofCampaign(
        campaign,
        bodies.object(json, TestSendRequest.class),
        request.getAttribute(ApiKeyFilter.KEY_NAME_ATTRIBUTE, String.class).orElse(null));
  }
}
