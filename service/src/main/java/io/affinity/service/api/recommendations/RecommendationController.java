package io.affinity.service.api.recommendations;

import io.affinity.core.error.NotFoundException;
import io.affinity.core.product.ProductRepository;
import io.affinity.recommender.serving.BuyAgain;
import io.affinity.recommender.serving.History;
import io.affinity.recommender.serving.HistoryReader;
import io.affinity.recommender.serving.RecommendationList;
import io.affinity.recommender.serving.Recommender;
import io.affinity.recommender.serving.Rules;
import io.affinity.recommender.training.Signal;
import io.affinity.service.api.JsonBodies;
import io.affinity.service.api.RequestValidation;
import io.affinity.service.api.ServingExecutor;
import io.affinity.service.security.RequiresScope;
import io.affinity.service.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recommendations. Every call takes the same rules as query parameters: {@code limit} (1-100,
 * default 10), {@code includeCategory} and {@code excludeCategory} (repeatable, any level of the
 * category path), {@code minPrice}, {@code maxPrice}, {@code inStockOnly} (default true), {@code
 * boost=field:value:factor} (brand or category, repeatable), {@code exclude} (item ids, repeatable)
 * and {@code includePurchased} (default false). Any other query parameter is a 422 naming it, so
 * that a typo ({@code maxprice}) is not silently ignored. Stock, price, category and the fields
 * shown are the products' as they are now (the live catalogue), not as they were at training.
 */
@Controller("/api/recommendations")
@ExecuteOn(ServingExecutor.NAME)
@RequiresScope(Scope.RECOMMEND)
@Tag(name = "recommendations")
public class RecommendationController {
  private final Recommender recommender;
  private final BuyAgain buyAgain;
  private final HistoryReader histories;
  private final ProductRepository products;
  private final JsonBodies bodies;
  private final RequestValidation validation;

  // The one clock of every "days since" (core/time/ClockFactory): buy-again's default "now".
  private final Clock clock;

  public RecommendationController(
      Recommender recommender,
      BuyAgain buyAgain,
      HistoryReader histories,
      ProductRepository products,
      JsonBodies bodies,
      RequestValidation validation,
      Clock clock) {
    this.clock = clock;
    this.recommender = recommender;
    this.buyAgain = buyAgain;
    this.histories = histories;
    this.products = products;
    this.bodies = bodies;
    this.validation = validation;
  }

  /**
   * "Recommended for you": items correlated with what the customer bought, viewed, carted and
   * clicked, read fresh from their events; what they bought is left out unless {@code
   * includePurchased=true}. With {@code scope=household}, the whole household's history is used and
   * what any member bought is left out. A customer without history, or one we do not know, gets
   * popular items ({@code personalised} 0).
   *
   * @param id the shop's id of the customer
   * @return the items, each with its score and reason, and the model version
   */
  @Get("/customers/{id}")
  public RecommendationList forCustomer(
      @PathVariable String id,
      @Nullable @QueryValue String scope,
      @RequestBean RuleParams params,
      HttpRequest<?> request) {
    RulesParser parser = new RulesParser();
    parser.onlyKnown(request.getParameters().names(), "scope");
    int n = parser.limit(params.limit());
    Rules rules = parser.rules(params);
    boolean household = parser.householdScope(scope);
    parser.throwIfInvalid();
    // A customer without a household uses their own history; an unknown one none.
    Optional<String> householdId = household ? histories.householdOf(id) : Optional.empty();
    return recommend(
        householdId.map(histories::ofHousehold).orElseGet(() -> historyOrNone(id)), rules, n);
  }

  /**
   * The history of customer {@code id}, or an empty one when the shop has not told us of them yet:
   * a visitor we do not know gets popular items (not personalised), not an error.
   */
  private HistoryReader.CustomerHistory historyOrNone(String id) {
    try {
      return histories.of(id);
    } catch (NotFoundException e) {
      if (!"customer".equals(e.kind())) {
        throw e;
      }
      return new HistoryReader.CustomerHistory(new History(), Set.of());
    }
  }

  /**
   * Best sellers (or, with {@code backfill=trending}, the items whose sales grow fastest) for a
   * visitor nobody knows, within the rules ({@code includeCategory} for a category page). Nothing
   * is personalised: every reason is {@code popular} or {@code trending}.
   *
   * @return the items, each with its score and reason, and the model version
   */
  @Get("/popular")
  public RecommendationList popular(@RequestBean RuleParams params, HttpRequest<?> request) {
    RulesParser parser = new RulesParser();
    parser.onlyKnown(request.getParameters().names());
    int n = parser.limit(params.limit());
    Rules rules = parser.rules(params);
    parser.throwIfInvalid();
    return recommender.recommend(new History(), EnumSet.allOf(Signal.class), rules, Set.of(), n);
  }

  /**
   * "Recommended for you" from the current session: what the visitor viewed and put in the cart,
   * without a customer id (or before the customer's own history, when {@code customerId} is given).
   * The cart's items are left out; ids that are no product are left out of the query and listed in
   * {@code unknownItems}.
   *
   * @param json the session
   * @return the items, each with its score and reason
   */
  @Post("/session")
  @RequestBody(content = @Content(schema = @Schema(implementation = SessionRequest.class)))
  public RecommendationList session(
      @Nullable @Body byte[] json, @RequestBean RuleParams params, HttpRequest<?> request) {
    SessionRequest session = validation.check(bodies.object(json, SessionRequest.class));
    RulesParser parser = new RulesParser();
    parser.onlyKnown(request.getParameters().names());
    int n = parser.limit(params.limit());
    Rules rules = parser.rules(params);
    parser.throwIfInvalid();
    List<String> viewed = session.viewed() == null ? List.of() : session.viewed();
    List<String> cart = session.cart() == null ? List.of() : session.cart();
    Set<String> asked = new LinkedHashSet<>(cart);
    asked.addAll(viewed);
    List<String> unknown = unknown(asked);
    List<String> knownCart = cart.stream().filter(i -> !unknown.contains(i)).toList();
    List<String> knownViewed = viewed.stream().filter(i -> !unknown.contains(i)).toList();
    History history =
        new History(History.ITEMS_PER_SIGNAL)
            .addAll(Signal.CART, knownCart)
            .addAll(Signal.PURCHASE, knownCart)
            .addAll(Signal.VIEW, knownViewed);
    Set<String> excluded = new HashSet<>(cart);
    if (session.customerId() != null) {
      HistoryReader.CustomerHistory own = historyOrNone(session.customerId());
      for (Signal signal : Signal.values()) {
        history.addAll(signal, own.recent().of(signal));
      }
      if (!rules.includePurchased()) {
        excluded.addAll(own.bought());
      }
    }
    return recommender
        .recommend(history, EnumSet.allOf(Signal.class), rules, excluded, n)
        .withUnknownItems(unknown);
  }

  /** Those of {@code ids} that are no product, in one read. */
  private List<String> unknown(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Set<String> known = new HashSet<>();
    products.findByExternalIdIn(ids).forEach(p -> known.add(p.externalId()));
    return ids.stream().filter(i -> !known.contains(i)).distinct().toList();
  }

  /**
   * "Recommended for your household": the members' histories together; what any member bought is
   * left out unless {@code includePurchased=true}.
   *
   * @param id the shop's id of the household
   * @return the items, each with its score and reason, and the model version
   */
  @Get("/households/{id}")
  public RecommendationList forHousehold(
      @PathVariable String id, @RequestBean RuleParams params, HttpRequest<?> request) {
    RulesParser parser = new RulesParser();
    parser.onlyKnown(request.getParameters().names());
    int n = parser.limit(params.limit());
    Rules rules = parser.rules(params);
    parser.throwIfInvalid();
    return recommend(histories.ofHousehold(id), rules, n);
  }

  private RecommendationList recommend(HistoryReader.CustomerHistory history, Rules rules, int n) {
    Set<String> excluded = rules.includePurchased() ? Set.of() : history.bought();
    return recommender.recommend(history.recent(), EnumSet.allOf(Signal.class), rules, excluded, n);
  }

  /**
   * "Buy again": items the customer buys repeatedly that are due now, from their own purchase
   * intervals (or the item's typical interval); a separate list from "recommended for you".
   *
   * @param id the shop's id of the customer
   * @param at the moment to judge "due" at (ISO-8601); now by default
   * @return the items due, closest to due first, each with its reason
   */
  @Get("/customers/{id}/buy-again")
  public RecommendationList buyAgain(
      @PathVariable String id,
      @Nullable @QueryValue String at,
      @RequestBean RuleParams params,
      HttpRequest<?> request) {
    RulesParser parser = new RulesParser();
    parser.onlyKnown(request.getParameters().names(), "at");
    int n = parser.limit(params.limit());
    Rules rules = parser.rules(params);
    Instant when = parser.instant("at", at, clock.instant());
    parser.throwIfInvalid();
    return buyAgain.due(histories.purchaseTimes(id), rules, when, n);
  }

  /**
   * "Similar items": items that buyers and viewers of this item also bought.
   *
   * @param id the shop's id of the product
   * @return the items, each with its score and reason
   */
  @Get("/items/{id}/similar")
  public RecommendationList similar(
      @PathVariable String id, @RequestBean RuleParams params, HttpRequest<?> request) {
    RulesParser parser = new RulesParser();
    parser.onlyKnown(request.getParameters().names());
    int n = parser.limit(params.limit());
    Rules rules = parser.rules(params);
    parser.throwIfInvalid();
    if (products.findByExternalId(id).isEmpty()) {
      throw new NotFoundException("product", id);
    }
    History history = new History().add(Signal.PURCHASE, id).add(Signal.VIEW, id);
    return recommender.recommend(
        history, EnumSet.of(Signal.PURCHASE, Signal.VIEW), rules, Set.of(id), n);
  }

  /**
   * "Goes well with your basket": items bought with the basket's items, leaving out the basket
   * (and, with {@code customerId}, what the customer bought). Ids that are no product are left out
   * of the query and listed in {@code unknownItems}; the rest still answer.
   *
   * @param json the basket
   * @return the items, each with its score and reason
   */
  @Post("/basket")
  @RequestBody(content = @Content(schema = @Schema(implementation = BasketRequest.class)))
  public RecommendationList basket(
      @Nullable @Body byte[] json, @RequestBean RuleParams params, HttpRequest<?> request) {
    BasketRequest basket = validation.check(bodies.object(json, BasketRequest.class));
    RulesParser parser = new RulesParser();
    parser.onlyKnown(request.getParameters().names());
    int n = parser.limit(params.limit());
    Rules rules = parser.rules(params);
    parser.throwIfInvalid();
    List<String> unknown = unknown(new LinkedHashSet<>(basket.items()));
    List<String> known = basket.items().stream().filter(i -> !unknown.contains(i)).toList();
    Set<String> excluded = new HashSet<>(basket.items());
    if (basket.customerId() != null && !rules.includePurchased()) {
      excluded.addAll(historyOrNone(basket.customerId()).bought());
    }
    History history = new History().addAll(Signal.PURCHASE, known).addAll(Signal.CART, known);
    return recommender
        .recommend(history, EnumSet.of(Signal.PURCHASE, Signal.CART), rules, excluded, n)
        .withUnknownItems(unknown);
  }
}
