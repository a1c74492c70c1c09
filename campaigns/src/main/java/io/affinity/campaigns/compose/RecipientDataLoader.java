package io.affinity.campaigns.compose;

import io.affinity.campaigns.sensitive.SensitiveCategories;
import io.affinity.campaigns.templates.CompiledTemplate;
import io.affinity.campaigns.templates.TemplatesConfiguration;
import io.affinity.core.customer.Customer;
import io.affinity.core.error.NotFoundException;
import io.affinity.core.household.Household;
import io.affinity.core.household.HouseholdMembers;
import io.affinity.core.household.HouseholdRepository;
import io.affinity.core.household.HouseholdView;
import io.affinity.core.product.Product;
import io.affinity.core.product.ProductRepository;
import io.affinity.recommender.offers.OfferList;
import io.affinity.recommender.offers.OfferService;
import io.affinity.recommender.serving.History;
import io.affinity.recommender.serving.HistoryReader;
import io.affinity.recommender.serving.Recommendation;
import io.affinity.recommender.serving.RecommendationList;
import io.affinity.recommender.serving.Recommender;
import io.affinity.recommender.serving.Rules;
import io.affinity.recommender.training.Signal;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gathers a recipient's data for a template: their own recommendations (everything they bought left
 * out, in stock only), the household's when the template asks for them, and their cross-sell and
 * upsell offers (which {@link OfferService} records as shown, for its exposure caps). Only what the
 * template mentions is computed.
 *
 * <p>For a trigger's recipient, the recommendations and offers are anchored on the product whose
 * purchase fired the trigger instead of on the recipient's own history (who may have none), with
 * the recipient's own eligibility (what they bought, stock, exposure caps). When the served model
 * does not know that product yet (added since the last training), they fall back to the recipient's
 * own.
 *
 * <p>The blocks are made to fit together by {@link MessageBlocks}: no product twice in one message,
 * the diversity limit, and nothing sensitive in what the household sees.
 */
@Singleton
class RecipientDataLoader {
  private static final Set<Signal> ALL_SIGNALS = EnumSet.allOf(Signal.class);

  private final HistoryReader histories;
  private final Recommender recommender;
  private final OfferService offers;
  private final HouseholdRepository households;
  private final HouseholdMembers members;
  private final TemplatesConfiguration config;
  private final ProductRepository products;
  private final SensitiveCategories sensitive;

  RecipientDataLoader(
      HistoryReader histories,
      Recommender recommender,
      OfferService offers,
      HouseholdRepository households,
      HouseholdMembers members,
      TemplatesConfiguration config,
      ProductRepository products,
      SensitiveCategories sensitive) {
    this.histories = histories;
    this.recommender = recommender;
    this.offers = offers;
    this.households = households;
    this.members = members;
    this.config = config;
    this.products = products;
    this.sensitive = sensitive;
  }

  /**
   * The histories of the customers with our ids {@code customerIds}, in one read: what {@link
   * #load(Customer, CompiledTemplate, Long, HistoryReader.CustomerHistory, boolean)} takes for a
   * batch.
   */
  Map<Long, HistoryReader.CustomerHistory> histories(Collection<Long> customerIds) {
    return histories.ofCustomerIds(customerIds);
  }

  /**
   * The data of {@code customer}'s message, anchored on {@code triggerProductId} when it is not
   * null; {@code history} is their history read beforehand with the rest of a batch, or null to
   * read it now. The offers are recorded as shown only when {@code recordOffers} (not for a preview
   * or a test send, which the customer never sees).
   */
  RecipientData load(
      Customer customer,
      CompiledTemplate template,
      @Nullable Long triggerProductId,
      HistoryReader.@Nullable CustomerHistory history,
      boolean recordOffers) {
    String id = customer.externalId();
    Product trigger =
        triggerProductId == null ? null : products.findById(triggerProductId).orElse(null);
    Optional<Household> household =
        customer.householdId() != null
                && (template.usesHousehold() || template.usesHouseholdRecommendations())
            ? households.findById(customer.householdId())
            : Optional.empty();
    List<HouseholdView.Member> others =
        household.isPresent() && template.usesHousehold()
            ? members.of(household.get().id()).stream().filter(m -> !m.id().equals(id)).toList()
            : List.of();
    // One message, no repeats: offers first (they are counted as shown), then each list of
    // recommendations leaves out what an earlier block holds; see MessageBlocks.
    MessageBlocks blocks =
        new MessageBlocks(
            config.getMaxPerCategory(),
            sensitive::isSensitive,
            this::sensitiveItem,
            trigger == null ? null : trigger.externalId());
    int count = config.getRecommendations();
    int fetch = count + (config.getMaxPerCategory() > 0 || blocks.forHousehold() ? count : 0);
    OfferList offerList =
        template.usesOffers()
            ? blocks.offers(offers(id, trigger), config.getOffers())
            : new OfferList(0, List.of(), List.of());
    if (recordOffers) {
      // What the message holds, after the blocks dropped repeats and sensitive items.
      offers.recordShown(id, offerList);
    }
    HistoryReader.CustomerHistory mine =
        template.usesRecommendations()
                || (template.usesHouseholdRecommendations() && household.isEmpty())
            ? (history != null ? history : histories.of(id))
            : null;
    List<Recommendation> own =
        !template.usesRecommendations()
            ? List.of()
            : blocks.recommendations(
                trigger != null
                    ? recommendWith(trigger, mine, blocks.shown(), fetch)
                    : recommend(mine, blocks.shown(), fetch),
                count,
                false);
    List<Recommendation> shared =
        template.usesHouseholdRecommendations()
            ? blocks.recommendations(
                recommend(
                    household.isPresent()
                        ? histories.ofHousehold(household.get().externalId())
                        : mine,
                    blocks.shown(),
                    fetch),
                count,
                true)
            : List.of();
    return new RecipientData(
        customer,
        household.map(Household::externalId).orElse(null),
        household.map(Household::name).orElse(null),
        others,
        own,
        shared,
        offerList,
        trigger);
  }

  /** Offers for {@code customerId}: for {@code trigger}'s item if it is given and served. */
  private OfferList offers(String customerId, @Nullable Product trigger) {
    OfferService.Ratios ratios = new OfferService.Ratios(null, null);
    if (trigger != null) {
      try {
        // A basket of the one product, with the customer's eligibility and exposure caps.
        return offers.forBasket(
            List.of(trigger.externalId()),
            customerId,
            ratios,
            Rules.defaults(),
            config.getOffers());
      } catch (NotFoundException e) {
        if (!"product".equals(e.kind())) {
          throw e;
        }
      }
    }
    return offers.forCustomer(customerId, ratios, Rules.defaults(), config.getOffers());
  }

  /**
   * Recommendations of what goes with {@code trigger} (bought with it or put in a basket with it),
   * leaving out what the customer of {@code history} bought; their own if the model has nothing for
   * it.
   */
  private List<Recommendation> recommendWith(
      Product trigger, HistoryReader.CustomerHistory history, Set<String> shown, int limit) {
    String item = trigger.externalId();
    Set<String> exclude = new HashSet<>(history.bought());
    exclude.addAll(shown);
    exclude.add(item);
    RecommendationList anchored =
        recommender.recommend(
            new History().add(Signal.PURCHASE, item).add(Signal.CART, item),
            EnumSet.of(Signal.PURCHASE, Signal.CART),
            Rules.defaults(),
            exclude,
            limit);
    return anchored.personalised() > 0 ? anchored.items() : recommend(history, shown, limit);
  }

  /** Up to {@code limit} for {@code history}, leaving out what they bought and {@code shown}. */
  private List<Recommendation> recommend(
      HistoryReader.CustomerHistory history, Set<String> shown, int limit) {
    Set<String> exclude = new HashSet<>(history.bought());
    exclude.addAll(shown);
    return recommender
        .recommend(history.recent(), ALL_SIGNALS, Rules.defaults(), exclude, limit)
        .items();
  }

  /** Whether product {@code externalId} is in a sensitive category (false if unknown). */
  private boolean sensitiveItem(String externalId) {
    return products
        .findByExternalId(externalId)
        .map(p -> sensitive.isSensitive(p.categoryPath()))
        .orElse(false);
  }
}
