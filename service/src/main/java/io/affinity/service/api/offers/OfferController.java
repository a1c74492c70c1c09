package io.affinity.service.api.offers;

import io.affinity.recommender.offers.OfferList;
import io.affinity.recommender.offers.OfferService;
import io.affinity.recommender.serving.Rules;
import io.affinity.service.api.JsonBodies;
import io.affinity.service.api.RequestValidation;
import io.affinity.service.api.ServingExecutor;
import io.affinity.service.api.recommendations.BasketRequest;
import io.affinity.service.api.recommendations.RuleParams;
import io.affinity.service.api.recommendations.RulesParser;
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

/**
 * Cross-sell and upsell offers, ranked by expected value (correlation x margin, or x price). Every
 * call takes the rules of the recommendation calls ({@link RuleParams}: limit, categories, price
 * range, boosts, exclusions), and {@code minRatio} / {@code maxRatio} for upsell prices relative to
 * the original (default 1.1 to 2); any other query parameter is a 422 naming it. Offers for a
 * customer respect their purchases, returns, repurchase windows and exposure caps, and count as
 * shown.
 */
@Controller("/api/offers")
@ExecuteOn(ServingExecutor.NAME)
@RequiresScope(Scope.RECOMMEND)
@Tag(name = "offers")
public class OfferController {
  private final OfferService offers;
  private final JsonBodies bodies;
  private final RequestValidation validation;

  public OfferController(OfferService offers, JsonBodies bodies, RequestValidation validation) {
    this.offers = offers;
    this.bodies = bodies;
    this.validation = validation;
  }

  /**
   * Offers for a customer: cross-sell from their latest purchases, upsell for what they viewed or
   * bought last.
   *
   * @param id the shop's id of the customer
   * @return cross-sell and upsell offers, each with type, reason and expected value
   */
  @Get("/customers/{id}")
  public OfferList forCustomer(
      @PathVariable String id,
      @Nullable @QueryValue String minRatio,
      @Nullable @QueryValue String maxRatio,
      @RequestBean RuleParams params,
      HttpRequest<?> request) {
    RulesParser p = new RulesParser();
    p.onlyKnown(request.getParameters().names(), "minRatio", "maxRatio");
    int n = p.limit(params.limit());
    Rules rules = p.rules(params);
    OfferService.Ratios ratios =
        new OfferService.Ratios(p.positive("minRatio", minRatio), p.positive("maxRatio", maxRatio));
    p.throwIfInvalid();
    return offers.forCustomer(id, ratios, rules, n);
  }

  /**
   * Offers for a basket (and, with {@code customerId}, that customer's eligibility).
   *
   * @param json the basket
   * @return cross-sell and upsell offers
   */
  @Post("/basket")
  @RequestBody(content = @Content(schema = @Schema(implementation = BasketRequest.class)))
  public OfferList forBasket(
      @Nullable @Body byte[] json,
      @Nullable @QueryValue String minRatio,
      @Nullable @QueryValue String maxRatio,
      @RequestBean RuleParams params,
      HttpRequest<?> request) {
    BasketRequest basket = validation.check(bodies.object(json, BasketRequest.class));
    RulesParser p = new RulesParser();
    p.onlyKnown(request.getParameters().names(), "minRatio", "maxRatio");
    int n = p.limit(params.limit());
    Rules rules = p.rules(params);
    OfferService.Ratios ratios =
        new OfferService.Ratios(p.positive("minRatio", minRatio), p.positive("maxRatio", maxRatio));
    p.throwIfInvalid();
    return offers.forBasket(basket.items(), basket.customerId(), ratios, rules, n);
  }

  /**
   * Offers on a product page: what goes with the product, and better versions of it.
   *
   * @param id the shop's id of the product
   * @return cross-sell and upsell offers
   */
  @Get("/items/{id}")
  public OfferList forItem(
      @PathVariable String id,
      @Nullable @QueryValue String minRatio,
      @Nullable @QueryValue String maxRatio,
      @RequestBean RuleParams params,
      HttpRequest<?> request) {
    RulesParser p = new RulesParser();
    p.onlyKnown(request.getParameters().names(), "minRatio", "maxRatio");
    int n = p.limit(params.limit());
    Rules rules = p.rules(params);
    OfferService.Ratios ratios =
        new OfferService.Ratios(p.positive("minRatio", minRatio), p.positive("maxRatio", maxRatio));
    p.throwIfInvalid();
    return offers.forItem(id, ratios, rules, n);
  }
}
