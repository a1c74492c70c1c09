package io.affinity.service.api.templates;

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

/** Test sends of a template: its message for one customer, to a test address. */
@Controller("/api/templates")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresScope(Scope.MARKETING)
@Tag(name = "templates")
public class TemplateTestSendController {
  private final TestSends testSends;
  private final JsonBodies bodies;

  public TemplateTestSendController(TestSends testSends, JsonBodies bodies) {
    this.testSends = testSends;
    this.bodies = bodies;
  }

  /**
   * Mails the template (its current version, or {@code version}) rendered for customer {@code
   * customerId} to {@code to}, with {@code [TEST]} before the subject, from {@code fromAddress} or
   * the configured {@code affinity.mail.sender}. Nothing is recorded. 404 for an unknown template,
   * version or customer, 409 when sending is disabled, 422 for a bad address or a template that
   * fails for the customer.
   *
   * @param id the template's id
   * @param json customerId, to, and optionally version, fromAddress, fromName
   * @return the Message-ID, the address and the subject
   */
  @Post("/{id}/test-sends")
  @RequestBody(content = @Content(schema = @Schema(implementation = TestSendRequest.class)))
  public TestSendResult testSend(
      @PathVariable String id, @Nullable @Body byte[] json, HttpRequest<?> request) {
    return testSends.ofTemplate(
        Parameters.id("template", id),
        bodies.object(json, TestSendRequest.class),
        request.getAttribute(ApiKeyFilter.KEY_NAME_ATTRIBUTE, String.class).orElse(null));
  }
}
