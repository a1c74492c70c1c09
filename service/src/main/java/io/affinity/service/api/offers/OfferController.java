package io.affinity.service.api.offers;

import io.affinity.core.customer.CustomerRepository;
import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.product.ProductRepository;
import io.affinity.recommender.offers.OfferExposures;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Cross-sell and upsell offers, ranked by expected value (correlation x margin, or x price). Every
 * call takes the rules of the recommendation calls ({@link RuleParams}: limit, categories, price
 * range, boosts, exclusions), and {@code minRatio} / {@code maxRatio} for upsell prices relative to
 * the original (default 1.1 to 2); any other query parameter is a 422 naming it. Offers for a
 * customer respect their purchases, returns, repurchase windows and exposure caps. Asking for
 * offers changes nothing: an offer counts as shown when an e-mail carries it or when the shop
 * reports it ({@code POST /api/offers/impressions}).
 */
@Controller("/api/offers")
@ExecuteOn(ServingExecutor.NAME)
@RequiresScope(Scope.RECOMMEND)
@Tag(name = "offers")
public class OfferController {
  private final OfferService offers;
  private final OfferExposures exposures;
  private final CustomerRepository customers;
  private final ProductRepository products;
  private final JsonBodies bodies;
  private final RequestValidation validation;

  public OfferController(
      OfferService offers,
      OfferExposures exposures,
      CustomerRepository customers,
      ProductRepository products,
      JsonBodies bodies,
      RequestValidation validation) {
    this.offers = offers;
    this.exposures = exposures;
    this.customers = customers;
    this.products = products;
    this.bodies = bodies;
    this.validation = validation;
  }

  /**
   * Reports offers the shop showed a customer, for the exposure caps: each impression counts once,
   * however often it is reported (see {@link ImpressionRequest#impressionId()}).
   *
   * @param json the impression
   * @return how many impressions were new and how many were reported before
   */
  @Post("/impressions")
  @RequestBody(content = @Content(schema = @Schema(implementation = ImpressionRequest.class)))
  public ImpressionResult impressions(@Nullable @Body byte[] json, HttpRequest<?> request) {
    ImpressionRequest in = validation.check(bodies.object(json, ImpressionRequest.class));
    RulesParser p = new RulesParser();
    p.onlyKnown(request.getParameters().names());
    p.throwIfInvalid();
    List<FieldError> errors = new ArrayList<>();
    if (in.customerId() == null) {
      errors.add(new FieldError("customerId", "is required"));
    }
    if (in.items() == null) {
      errors.add(new FieldError("items", "is required"));
    }
    if (in.type() != null && !TYPES.contains(in.type())) {
      errors.add(new FieldError("type", "must be one of " + TYPES + ", got '" + in.type() + "'"));
    }
    if (errors.isEmpty() && customers.findByExternalId(in.customerId()).isEmpty()) {
      errors.add(new FieldError("customerId", "names no customer: '" + in.customerId() + "'"));
    }
    if (in.items() != null) {
      Set<String> known = new HashSet<>();
      products.findByExternalIdIn(in.items()).forEach(pr -> known.add(pr.externalId()));
      for (int i = 0; i < in.items().size(); i++) {
        if (!known.contains(in.items().get(i))) {
          errors.add(new FieldError("items[" + i + "]", "names no product"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors.size() + " invalid field(s)", errors);
    }
    Set<String> items = new LinkedHashSet<>(in.items());
    int recorded =
        exposures.recordImpressions(
            in.customerId(), items, in.type(), in.impressionId(), System.currentTimeMillis());
    return new ImpressionResult(items.size(), recorded, items.size() - recorded);
  }

  private static final Set<String> TYPES = Set.of("cross_sell", "upsell");

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
