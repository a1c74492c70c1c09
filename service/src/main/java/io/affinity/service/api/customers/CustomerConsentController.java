package io.affinity.service.api.customers;

import io.affinity.core.customer.AdminConsentResult;
import io.affinity.core.customer.CustomerService;
import io.affinity.service.api.JsonBodies;
import io.affinity.service.api.RequestValidation;
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
 * An administrator's consent statement: the audited way to re-subscribe without a double opt-in.
 */
@Controller("/api/customers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "customers")
public class CustomerConsentController {
  private final CustomerService customers;
  private final RequestValidation validation;
  private final JsonBodies bodies;

  public CustomerConsentController(
      CustomerService customers, RequestValidation validation, JsonBodies bodies) {
    this.customers = customers;
    this.validation = validation;
    this.bodies = bodies;
  }

  /**
   * Records an administrator's consent statement with a written reason in the ledger. A grant
   * re-subscribes a customer who withdrew and lifts their address's suppression; a withdrawal takes
   * effect at once. The key's name is kept as the evidence.
   *
   * @param id the shop's id of the customer
   * @param json {@code {"emailConsent": true, "reason": "...", "topic": "offers"}}
   * @return what the ledger decided and the customer afterwards
   */
  @Post("/{id}/consent")
  @RequestBody(content = @Content(schema = @Schema(implementation = AdminConsentInput.class)))
  @RequiresScope(Scope.ADMIN)
  public AdminConsentResult state(
      @PathVariable String id, @Nullable @Body byte[] json, HttpRequest<?> request) {
    AdminConsentInput in = validation.check(bodies.object(json, AdminConsentInput.class));
    String actor =
        request.getAttribute(ApiKeyFilter.KEY_NAME_ATTRIBUTE, String.class).orElse("unknown");
    return customers.adminStatement(id, in.emailConsent(), in.topic(), in.reason().trim(), actor);
  }
}
