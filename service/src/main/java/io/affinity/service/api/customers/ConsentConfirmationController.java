package io.affinity.service.api.customers;

import io.affinity.campaigns.optin.ConfirmationSent;
import io.affinity.campaigns.optin.ConsentConfirmations;
import io.affinity.service.security.ApiKeyFilter;
import io.affinity.service.security.RequiresScope;
import io.affinity.service.security.Scope;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Double opt-in: mails a customer a signed link that re-subscribes them when they confirm it. The
 * only way besides an admin's reasoned call to re-subscribe someone who withdrew.
 */
@Controller("/api/customers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "customers")
public class ConsentConfirmationController {
  private final ConsentConfirmations confirmations;

  public ConsentConfirmationController(ConsentConfirmations confirmations) {
    this.confirmations = confirmations;
  }

  /**
   * Mails the customer a confirmation e-mail (to their stored address) whose link, once the person
   * confirms it, records a {@code double-opt-in} grant. 404 for an unknown customer; 409 when they
   * have no address or sending is not configured; 429 when one was sent a few minutes ago.
   *
   * @param id the shop's id of the customer
   * @return the request's id, the Message-ID and until when the link works, with status 202
   */
  @Post("/{id}/consent/confirmations")
  @RequiresScope(Scope.MARKETING)
  public HttpResponse<ConfirmationSent> request(@PathVariable String id, HttpRequest<?> request) {
    String key = request.getAttribute(ApiKeyFilter.KEY_NAME_ATTRIBUTE, String.class).orElse(null);
    return HttpResponse.<ConfirmationSent>status(HttpStatus.ACCEPTED)
        .body(confirmations.request(id, key));
  }
}
