package io.affinity.campaigns.compose;

import io.affinity.recommender.offers.Offer;
import io.affinity.recommender.offers.OfferList;
import io.affinity.recommender.serving.Reason;
import io.affinity.recommender.serving.Recommendation;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Makes the blocks of one message fit together, taken in the order the message's model lists them
 * (the trigger item, cross-sell offers, upsell offers, recommendations, household recommendations):
 * a product already shown in an earlier block is left out of a later one, so no message shows a
 * product twice; with a diversity limit, a product whose category already has that many in the
 * message is left out; in a block the household sees, a product of a sensitive category, or one
 * recommended because of a sensitive purchase, is left out.
 *
 * <p>One instance serves one message: it remembers what the earlier blocks showed.
 */
final class MessageBlocks {
  /** The reason shown for an item picked because of the purchase that fired a trigger. */
  static final String FOR_YOUR_HOME = "picked for your home";

  private final int maxPerCategory;
  private final Predicate<String> sensitiveCategory;
  private final Predicate<String> sensitiveItem;
  private final @Nullable String triggerItem;
  private final Set<String> shown = new HashSet<>();
  private final Map<String, Integer> perCategory = new HashMap<>();

  /**
   * @param maxPerCategory at most this many products of one category path; 0 for no limit
   * @param sensitiveCategory whether a category path is sensitive
   * @param sensitiveItem whether a product (the shop's id) is in a sensitive category
   * @param triggerItem the product whose purchase fired a trigger, or null: it counts as shown, and
   *     a reason naming it is replaced by {@link #FOR_YOUR_HOME}, so the others in the home are not
   *     told what was bought
   */
  MessageBlocks(
      int maxPerCategory,
      Predicate<String> sensitiveCategory,
      Predicate<String> sensitiveItem,
      @Nullable String triggerItem) {
    this.maxPerCategory = maxPerCategory;
    this.sensitiveCategory = sensitiveCategory;
    this.sensitiveItem = sensitiveItem;
    this.triggerItem = triggerItem;
    if (triggerItem != null) {
      shown.add(triggerItem);
    }
  }

  /** Whether the message is a trigger's, which the household sees. */
  boolean forHousehold() {
    return triggerItem != null;
  }

  /** The offers that fit, cross-sell first; each list keeps at most {@code limit}. */
  OfferList offers(OfferList offers, int limit) {
    return new OfferList(
        offers.modelVersion(),
        offerBlock(offers.crossSell(), limit),
        offerBlock(offers.upsell(), limit));
  }

  /**
   * The first {@code limit} of {@code items} that fit; {@code household} says whether the household
   * sees the block (then sensitive products and reasons are left out too).
   */
  List<Recommendation> recommendations(List<Recommendation> items, int limit, boolean household) {
    List<Recommendation> out = new ArrayList<>(Math.min(limit, items.size()));
    for (Recommendation r : items) {
      if (out.size() >= limit) {
        break;
      }
      if (fits(r.itemId(), r.categoryPath(), r.reason(), household || forHousehold())) {
        out.add(r.withReason(discreet(r.reason())));
      }
    }
    return out;
  }

  /** The ids of the products shown so far: what a later block's query should leave out. */
  Set<String> shown() {
    return Set.copyOf(shown);
  }

  private List<Offer> offerBlock(List<Offer> offers, int limit) {
    List<Offer> out = new ArrayList<>(Math.min(limit, offers.size()));
    for (Offer o : offers) {
      if (out.size() >= limit) {
        break;
      }
      if (fits(o.itemId(), o.categoryPath(), o.reason(), forHousehold())) {
        out.add(o.withReason(discreet(o.reason())));
      }
    }
    return out;
  }

  /** Whether the product fits the message; if it does, it is counted as shown. */
  private boolean fits(String item, @Nullable String category, Reason reason, boolean household) {
    if (shown.contains(item)) {
      return false;
    }
    if (household
        && (sensitiveCategory.test(category)
            || (reason.itemId() != null
                && !reason.itemId().equals(triggerItem)
                && sensitiveItem.test(reason.itemId())))) {
      return false;
    }
    String key = category == null ? "" : category;
    if (maxPerCategory > 0 && perCategory.getOrDefault(key, 0) >= maxPerCategory) {
      return false;
    }
    shown.add(item);
    perCategory.merge(key, 1, Integer::sum);
    return true;
  }

  /** {@code reason}, unless it names the trigger's purchase. */
  private Reason discreet(Reason reason) {
    return triggerItem != null && triggerItem.equals(reason.itemId())
        ? new Reason(reason.kind(), null, FOR_YOUR_HOME)
        : reason;
  }
}
