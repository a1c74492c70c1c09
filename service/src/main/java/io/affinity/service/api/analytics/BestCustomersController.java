package io.affinity.service.api.analytics;

import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.value.BestBy;
import io.affinity.core.value.CustomerValue;
import io.affinity.core.value.CustomerValueQueries;
import io.affinity.service.security.RequiresScope;
import io.affinity.service.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;

/**
 * The best customers. The literal path {@code /api/customers/best} wins over {@code
 * /api/customers/{id}}, so a customer whose shop id is {@code best} is not reachable by that path.
 */
@Controller("/api/customers/best")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresScope(Scope.MARKETING)
@Tag(name = "customers")
public class BestCustomersController {
  private static final int DEFAULT_LIMIT = 20;

  private final CustomerValueQueries queries;

  public BestCustomersController(CustomerValueQueries queries) {
    this.queries = queries;
  }

  /**
   * The best customers, best first, with their value metrics (as of the last computation).
   *
   * @param by {@code clv} (historic, the default), {@code monetary} or {@code predicted_clv}
   * @param limit 1 to 1000, 20 by default
   * @return the customers
   */
  @Get
  public List<CustomerValue> best(
      @Nullable @QueryValue String by, @Nullable @QueryValue String limit) {
    List<FieldError> errors = new ArrayList<>();
    BestBy ranking = BestBy.CLV;
    if (by != null) {
      ranking = BestBy.fromWireName(by).orElse(null);
      if (ranking == null) {
        errors.add(new FieldError("by", "must be one of " + BestBy.NAMES));
      }
    }
    int count = DEFAULT_LIMIT;
    if (limit != null) {
      try {
        count = Integer.parseInt(limit.trim());
      } catch (NumberFormatException e) {
        count = -1;
      }
      if (count < 1 || count > CustomerValueQueries.MAX_LIMIT) {
        errors.add(
            new FieldError(
                "limit", "must be a whole number from 1 to " + CustomerValueQueries.MAX_LIMIT));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Bad query parameters", errors);
    }
    return queries.best(ranking, count);
  }
}
