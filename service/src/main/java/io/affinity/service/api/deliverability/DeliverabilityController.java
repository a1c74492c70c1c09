package io.affinity.service.api.deliverability;

import io.affinity.campaigns.deliverability.DeliverabilityRecorder;
import io.affinity.campaigns.deliverability.ReportResult;
import io.affinity.service.security.RequiresScope;
import io.affinity.service.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Deliverability: late bounces, complaints and deliveries reported by mail providers. */
@Controller("/api/deliverability")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "deliverability")
@RequiresScope(Scope.WEBHOOK)
public class DeliverabilityController {
  private final WebhookPayloads payloads;
  private final DeliverabilityRecorder recorder;

  public DeliverabilityController(WebhookPayloads payloads, DeliverabilityRecorder recorder) {
    this.payloads = payloads;
    this.recorder = recorder;
  }

  /**
   * Records delivery events, all of them or none: a hard bounce suppresses the address at once,
   * withdraws the e-mail consent of every customer with it (source {@code bounce}) and marks the
   * campaign recipient {@code bounced}; a complaint does the same with {@code complaint} and {@code
   * complained}; soft bounces suppress the address after {@code
   * affinity.deliverability.soft-bounce-limit} within the window. Each event is matched to its
   * recipient by the VERP return path, our Message-ID, else the latest message sent to the address.
   * The same event posted again changes nothing. The body is read by its content: the generic
   * format ({@code {"type": "bounce"|"complaint"|"delivery", "bounceType": "hard"|"soft", "email",
   * "messageId", "occurredAt", "detail", "id"}}, one object or an array), an Amazon SES
   * notification through SNS (a {@code SubscriptionConfirmation} is answered with a note and
   * logged), a Postmark bounce, spam complaint or delivery webhook, or a Mailgun webhook. A key of
   * the {@code webhook} scope may call it, given as {@code X-API-Key}, bearer token or the password
   * of basic auth ({@code https://webhook:KEY@host/api/deliverability/events}).
   *
   * @param body the provider's JSON (content type application/json or text/plain, as SNS sends)
   * @return per event what it matched and what was done
   */
  @Post("/events")
  @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  public WebhookResult receive(@Nullable @Body byte[] body) {
    Payload payload = payloads.read(body);
    List<ReportResult> results =
        payload.reports.isEmpty() ? List.of() : recorder.record(payload.reports);
    return new WebhookResult(payload.reports.size(), results, List.copyOf(payload.notes));
  }
}
