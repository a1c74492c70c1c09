package io.affinity.service.console.customers;

import io.affinity.core.customer.CustomerService;
import io.affinity.core.customer.CustomerView;
import io.affinity.core.error.NotFoundException;
import io.affinity.core.error.UnavailableException;
import io.affinity.recommender.serving.HistoryReader;
import io.affinity.recommender.serving.RecommendationList;
import io.affinity.recommender.serving.Recommender;
import io.affinity.recommender.serving.Rules;
import io.affinity.recommender.training.Signal;
import io.affinity.service.console.ConsoleViews;
import io.affinity.service.console.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.EnumSet;
import java.util.Map;

/**
 * {@code GET /console/customers?q=}: the search; {@code GET /console/customers/{id}}: the single
 * customer view with the customer's recommendations ("recommended for you", as the API gives them).
 */
@Hidden
@Controller("/console/customers")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class CustomersController {
  /** How many recommendations the single view shows. */
  static final int RECOMMENDATIONS = 10;

  private final CustomerSearch search;
  private final CustomerService customers;
  private final HistoryReader histories;
  private final Recommender recommender;
  private final ConsoleViews views;

  public CustomersController(
      CustomerSearch search,
      CustomerService customers,
      HistoryReader histories,
      Recommender recommender,
      ConsoleViews views) {
    this.search = search;
    this.customers = customers;
    this.histories = histories;
    this.recommender = recommender;
    this.views = views;
  }

  /** The search form and, with {@code q}, what it found. */
  @Get(produces = MediaType.TEXT_HTML)
  public HttpResponse<String> search(
      @Nullable @QueryValue String q, Authentication authentication) {
    Map<String, Object> model = Page.of("Customers", "customers", authentication);
    String query = q == null ? "" : q.strip();
    model.put("q", query);
    model.put("searched", !query.isEmpty());
    model.put(
        "hits",
        search.search(query).stream()
            .map(h -> Map.of("id", h.id(), "name", h.name(), "email", h.email()))
            .toList());
    model.put("limit", CustomerSearch.LIMIT);
    return views.page("customers", model);
  }

  /** The single customer view; a 404 page for an unknown id. */
  @Get(value = "/{id}", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> customer(@PathVariable String id, Authentication authentication) {
    CustomerView c;
    try {
      c = customers.find(id);
    } catch (NotFoundException e) {
      Map<String, Object> model = Page.of("Customer not found", "customers", authentication);
      model.put("id", id);
      return views.page(HttpStatus.NOT_FOUND, "customer-not-found", model);
    }
    RecommendationList recs = null;
    String noRecs = null;
    try {
      HistoryReader.CustomerHistory history = histories.of(id);
      recs =
          recommender.recommend(
              history.recent(),
              EnumSet.allOf(Signal.class),
              Rules.defaults(),
              history.bought(),
              RECOMMENDATIONS);
      if (recs.items().isEmpty()) {
        noRecs = "No recommendations for this customer yet.";
      }
    } catch (UnavailableException e) {
      noRecs = "No model is served yet: train one to see recommendations.";
    }
    Map<String, Object> model =
        Page.of(c.name() != null ? c.name() : "Customer " + c.id(), "customers", authentication);
    model.put("customer", CustomerPage.of(c, recs, noRecs));
    return views.page("customer", model);
  }
}
