package io.affinity.recommender.offers;

import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;
import io.affinity.recommender.index.Categories;
import io.affinity.recommender.serving.HistoryReader;
import io.affinity.recommender.serving.Rules;
import io.affinity.recommender.training.Signal;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Offers for a customer, a basket or a product page: picks the anchors, applies the eligibility
 * rules (stock, already bought, returned, repurchase windows per category, exposure caps), and asks
 * {@link OfferEngine}. Asking changes nothing: what a customer was shown is recorded when an e-mail
 * carrying the offers is sent ({@code recordShown}) or when the shop reports an impression ({@link
 * OfferExposures#recordImpressions}).
 */
@Singleton
public class OfferService {
  /** Anchors taken from a customer's latest purchases (cross-sell) and views (upsell). */
  static final int CUSTOMER_ANCHORS = 5;

  private static final double MAX_RATIO = 10;
  private static final long DAY = Duration.ofDays(1).toMillis();

  private final OfferEngine engine;
  private final HistoryReader histories;
  private final PurchaseRecord purchases;
  private final OfferExposures exposures;
  private final OfferConfiguration config;

  public OfferService(
      OfferEngine engine,
      HistoryReader histories,
      PurchaseRecord purchases,
      OfferExposures exposures,
      OfferConfiguration config) {
    this.engine = engine;
    this.histories = histories;
    this.purchases = purchases;
    this.exposures = exposures;
    this.config = config;
  }

  /**
   * The ratio range of upsell prices.
   *
   * @param min the least price ratio, 1 or more (the configured default when null)
   * @param max the largest, at least min and at most 10
   */
  public record Ratios(Double min, Double max) {}

  /**
   * Offers on a product page: cross-sell and upsell for {@code itemId}; {@link NotFoundException}
   * when the model does not know it.
   */
  public OfferList forItem(String itemId, Ratios ratios, Rules rules, int limit) {
    double[] r = check(ratios);
    OfferEngine.Anchors anchors = engine.anchors(List.of(itemId));
    if (!anchors.unknown().isEmpty()) {
      throw new NotFoundException("product", itemId);
    }
    return list(anchors, anchors.items(), anchors.items(), Eligibility.none(), rules, r, limit);
  }

  /**
   * Offers for a basket, for {@code customerId} when given (eligibility and caps apply); records
   * nothing. Items the model does not know are left out and listed ({@link
   * OfferList#unknownItems()}); {@link NotFoundException} naming the first when it knows none of
   * them.
   */
  public OfferList forBasket(
      List<String> items, String customerId, Ratios ratios, Rules rules, int limit) {
    if (items == null || items.isEmpty()) {
      throw new InvalidInputException("items", "must contain at least one product id");
    }
    double[] r = check(ratios);
    OfferEngine.Anchors anchors = engine.anchors(new ArrayList<>(new LinkedHashSet<>(items)));
    if (anchors.items().isEmpty()) {
      throw new NotFoundException("product", anchors.unknown().get(0));
    }
    Eligibility eligibility = customerId == null ? Eligibility.none() : eligibility(customerId);
    OfferList known = list(anchors, anchors.items(), anchors.items(), eligibility, rules, r, limit);
    return new OfferList(
        known.modelVersion(), known.crossSell(), known.upsell(), anchors.unknown());
  }

  /**
   * Offers for a customer: cross-sell from their latest purchases, upsell for what they viewed (or
   * bought) last; records nothing, so that asking twice answers the same.
   */
  public OfferList forCustomer(String customerId, Ratios ratios, Rules rules, int limit) {
    double[] r = check(ratios);
    HistoryReader.CustomerHistory history = histories.of(customerId);
    List<String> bought =
        history.recent().of(Signal.PURCHASE).stream().limit(CUSTOMER_ANCHORS).toList();
    Set<String> considered = new LinkedHashSet<>(history.recent().of(Signal.VIEW));
    considered.addAll(history.recent().of(Signal.PURCHASE));
    List<String> viewed = considered.stream().limit(CUSTOMER_ANCHORS).toList();
    Set<String> all = new LinkedHashSet<>(bought);
    all.addAll(viewed);
    OfferEngine.Anchors anchors = engine.anchors(new ArrayList<>(all));
    List<Anchor> crossAnchors =
        anchors.items().stream().filter(a -> bought.contains(a.id())).toList();
    List<Anchor> upAnchors = anchors.items().stream().filter(a -> viewed.contains(a.id())).toList();
    return list(anchors, crossAnchors, upAnchors, eligibility(customerId), rules, r, limit);
  }

  /**
   * Records that {@code customerId} was shown {@code offers} (for the exposure caps): called with
   * what an e-mail being sent actually holds, after its blocks were fitted together, never by a
   * read, a preview or a test send.
   */
  public void recordShown(String customerId, OfferList offers) {
    List<String> shown = new ArrayList<>();
    offers.crossSell().forEach(o -> shown.add(o.itemId()));
    offers.upsell().forEach(o -> shown.add(o.itemId()));
    if (!shown.isEmpty()) {
      exposures.record(customerId, shown, System.currentTimeMillis());
    }
  }

  private OfferList list(
      OfferEngine.Anchors anchors,
      List<Anchor> crossAnchors,
      List<Anchor> upAnchors,
      Eligibility eligibility,
      Rules rules,
      double[] ratios,
      int limit) {
    return new OfferList(
        anchors.modelVersion(),
        engine.crossSell(
            crossAnchors, eligibility, rules, limit, config.getCrossSellDiscountPercent()),
        engine.upsell(
            upAnchors,
            eligibility,
            rules,
            ratios[0],
            ratios[1],
            limit,
            config.getUpsellDiscountPercent()));
  }

  private Eligibility eligibility(String customerId) {
    PurchaseRecord.Purchases p = purchases.of(customerId);
    long now = System.currentTimeMillis();
    Set<String> items = new HashSet<>(p.bought());
    items.addAll(p.returned());
    items.addAll(
        exposures.capped(customerId, now - config.getCapDays() * DAY, config.getMaxShows()));
    Set<String> categories = new HashSet<>();
    for (Map.Entry<String, Long> e : p.lastBoughtInCategory().entrySet()) {
      if (now - e.getValue() < repurchaseDays(e.getKey()) * DAY) {
        categories.add(e.getKey());
      }
    }
    Map<String, Double> demoted = new HashMap<>();
    for (String item :
        exposures.ignored(
            customerId, now - config.getIgnoredDays() * DAY, config.getIgnoredAfterShows())) {
      demoted.put(item, config.getIgnoredWeight());
    }
    return new Eligibility(items, categories, demoted);
  }

  /**
   * The repurchase window of {@code categoryPath}: the most specific configured level, else the
   * default.
   */
  private int repurchaseDays(String categoryPath) {
    List<String> levels = Categories.prefixes(categoryPath);
    for (int i = levels.size() - 1; i >= 0; i--) {
      Integer days = config.getRepurchaseDaysByCategory().get(levels.get(i));
      if (days != null) {
        return days;
      }
    }
    return config.getRepurchaseDays();
  }

  private double[] check(Ratios ratios) {
    double min = ratios.min() != null ? ratios.min() : config.getUpsellMinRatio();
    double max = ratios.max() != null ? ratios.max() : config.getUpsellMaxRatio();
    List<FieldError> errors = new ArrayList<>();
    if (!(min >= 1.0 && min <= MAX_RATIO)) {
      errors.add(new FieldError("minRatio", "must be from 1 to " + MAX_RATIO + ", got " + min));
    }
    if (!(max >= 1.0 && max <= MAX_RATIO)) {
      errors.add(new FieldError("maxRatio", "must be from 1 to " + MAX_RATIO + ", got " + max));
    } else if (max < min) {
      errors.add(
          new FieldError("maxRatio", "must not be below minRatio (" + max + " < " + min + ")"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors.size() + " invalid parameter(s)", errors);
    }
    return new double[] {min, max};
  }
}
