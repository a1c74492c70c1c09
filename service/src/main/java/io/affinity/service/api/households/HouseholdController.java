package io.affinity.service.api.households;

import io.affinity.core.error.InvalidInputException;
import io.affinity.core.household.HouseholdInput;
import io.affinity.core.household.HouseholdMatcher;
import io.affinity.core.household.HouseholdService;
import io.affinity.core.household.HouseholdSuggestion;
import io.affinity.core.household.HouseholdView;
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

/** Households: upsert one or a batch, and read one with its members. */
@Controller("/api/households")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "households")
public class HouseholdController {
  private final HouseholdService households;
  private final HouseholdMatcher matcher;
  private final RequestValidation validation;
  private final JsonBodies bodies;

  public HouseholdController(
      HouseholdService households,
      HouseholdMatcher matcher,
      RequestValidation validation,
      JsonBodies bodies) {
    this.households = households;
    this.matcher = matcher;
    this.validation = validation;
    this.bodies = bodies;
  }

  /**
   * Creates or updates a household; customers join it through their {@code householdId}.
   *
   * @param id the shop's id of the household
   * @param json the household; its {@code id} may be omitted, and must match the path if given
   * @return the household with its members
   */
  @Put("/{id}")
  @RequestBody(content = @Content(schema = @Schema(implementation = HouseholdInput.class)))
  @RequiresScope(Scope.INGEST)
  public HouseholdView upsert(@PathVariable String id, @Nullable @Body byte[] json) {
    HouseholdInput body = bodies.object(json, HouseholdInput.class);
    if (body != null && body.id() != null && !body.id().equals(id)) {
      throw new InvalidInputException("id", "must match the id in the path, '" + id + "'");
    }
    HouseholdInput input =
        body == null
            ? null
            : new HouseholdInput(
                id,
                body.name(),
                body.address(),
                body.postcode(),
                body.country(),
                body.attributes());
    return households.upsert(validation.check(input));
  }

  /**
   * Creates or updates up to 10,000 households in one transaction: all or nothing.
   *
   * @param json the households
   * @return how many were created and updated
   */
  @Post("/batch")
  @RequestBody(
      content =
          @Content(array = @ArraySchema(schema = @Schema(implementation = HouseholdInput.class))))
  @RequiresScope(Scope.INGEST)
  public BatchResult upsertBatch(@Nullable @Body byte[] json) {
    List<HouseholdInput> items = validation.checkBatch(bodies.array(json, HouseholdInput.class));
    return BatchResult.of(items.size(), households.upsertAll(items));
  }

  /**
   * Suggested households: customers with the same surname at the same normalised address and
   * postcode who are not together in one household yet. Nothing is merged; a shop that agrees sends
   * the customers again with a {@code householdId}.
   *
   * @param limit at most this many suggestions (1 to 1,000, default 100)
   * @return the suggestions, largest groups first
   */
  @Get("/suggestions")
  @RequiresScope(Scope.MARKETING)
  public List<HouseholdSuggestion> suggestions(@Nullable @QueryValue String limit) {
    int n = 100;
    if (limit != null) {
      try {
        n = Integer.parseInt(limit.trim());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > 1000) {
        throw new InvalidInputException(
            "limit", "must be a whole number from 1 to 1000, got '" + limit + "'");
      }
    }
    return matcher.suggestions(n);
  }

  /**
   * A household with its members.
   *
   * @param id the shop's id of the household
   * @return the household
   */
  @Get("/{id}")
  @RequiresScope(Scope.MARKETING)
  public HouseholdView find(@PathVariable String id) {
    return households.find(id);
  }
}
