package io.affinity.service.api.customers;

import io.affinity.core.consent.ConsentSource;
import io.affinity.core.customer.CustomerInput;
import io.affinity.core.customer.CustomerService;
import io.affinity.core.customer.CustomerView;
import io.affinity.core.customer.UpsertOutcome;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.household.HouseholdMatcher;
import io.affinity.core.household.HouseholdSuggestion;
import io.affinity.service.api.BatchResult;
import io.affinity.service.api.JsonBodies;
import io.affinity.service.api.RequestValidation;
import io.affinity.service.security.RequiresScope;
import io.affinity.service.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Customers: upsert one or a batch, and the single customer view. */
@Controller("/api/customers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "customers")
public class CustomerController {
  private final CustomerService customers;
  private final RequestValidation validation;
  private final JsonBodies bodies;
  private final HouseholdMatcher matcher;

  public CustomerController(
      CustomerService customers,
      RequestValidation validation,
      JsonBodies bodies,
      HouseholdMatcher matcher) {
    this.customers = customers;
    this.validation = validation;
    this.bodies = bodies;
    this.matcher = matcher;
  }

  /**
   * Creates or updates a customer. Omitted fields keep their stored value. An {@code emailConsent}
   * is a statement for the consent ledger: withdrawal wins, so a grant for a customer who withdrew
   * (or whose address is suppressed), or a statement older than the one on record, is recorded but
   * not applied, and the response's {@code warnings} say so.
   *
   * @param id the shop's id of the customer
   * @param json the customer; its {@code id} may be omitted, and must match the path if given
   * @return the single customer view after the update
   */
  @Put("/{id}")
  @RequestBody(content = @Content(schema = @Schema(implementation = CustomerInput.class)))
  @RequiresScope(Scope.INGEST)
  public CustomerView upsert(@PathVariable String id, @Nullable @Body byte[] json) {
    CustomerInput body = bodies.object(json, CustomerInput.class);
    if (body != null && body.id() != null && !body.id().equals(id)) {
      throw new InvalidInputException("id", "must match the id in the path, '" + id + "'");
    }
    CustomerInput input = body == null ? null : withId(body, id);
    return customers.upsert(validation.check(input));
  }

  /**
   * Creates or updates up to 10,000 customers in one transaction: if any is invalid, none is stored
   * and every problem is listed. Consent statements that were recorded but not applied (see the
   * single upsert) are listed in {@code warnings}, one per customer.
   *
   * @param json the customers
   * @param matchHouseholds also report the households the batch's customers seem to form (same
   *     surname at the same normalised address and postcode), as suggestions that merge nothing
   * @return how many were created and updated, and the suggestions when asked for
   */
  @Post("/batch")
  @RequestBody(
      content =
          @Content(array = @ArraySchema(schema = @Schema(implementation = CustomerInput.class))))
  @RequiresScope(Scope.INGEST)
  public CustomerBatchResult upsertBatch(
      @Nullable @Body byte[] json, @Nullable @QueryValue String matchHouseholds) {
    boolean match = flag("matchHouseholds", matchHouseholds);
    List<CustomerInput> items = validation.checkBatch(bodies.array(json, CustomerInput.class));
    UpsertOutcome outcome = customers.upsertAll(items, ConsentSource.API);
    BatchResult result = BatchResult.of(items.size(), outcome.created());
    List<HouseholdSuggestion> suggestions =
        match ? matcher.suggestionsFor(items.stream().map(CustomerInput::id).toList()) : null;
    return new CustomerBatchResult(
        result.received(), result.created(), result.updated(), outcome.warnings(), suggestions);
  }

  private static boolean flag(String name, @Nullable String value) {
    if (value == null || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    throw new InvalidInputException(name, "must be true or false, got '" + value + "'");
  }

  /**
   * The single customer view: profile, household and its members, consent, order count, revenue,
   * first and last purchase, and the latest events.
   *
   * @param id the shop's id of the customer
   * @return the customer
   */
  @Get("/{id}")
  @RequiresScope(Scope.MARKETING)
  public CustomerView find(@PathVariable String id) {
    return customers.find(id);
  }

  private static CustomerInput withId(CustomerInput b, String id) {
    return new CustomerInput(
        id,
        b.email(),
        b.name(),
        b.householdId(),
        b.emailConsent(),
        b.consentSource(),
        b.consentAt(),
        b.preferredChannel(),
        b.address(),
        b.postcode(),
        b.country(),
        b.attributes());
  }
}
