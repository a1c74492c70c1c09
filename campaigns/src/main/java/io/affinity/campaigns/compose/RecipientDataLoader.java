package io.affinity.campaigns.compose;

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

  RecipientDataLoader(
      HistoryReader histories,
      Recommender recommender,
      OfferService offers,
      HouseholdRepository households,
      HouseholdMembers members,
      TemplatesConfiguration config,
      ProductRepository products) {
    this.histories = histories;
    this.recommender = recommender;
    this.offers = offers;
    this.households = households;
    this.members = members;
    this.config = config;
    this.products = products;
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
    List<Recommendation> own =
        !template.usesRecommendations()
            ? List.of()
            : trigger != null
                ? recommendWith(trigger, history != null ? history : histories.of(id))
                : recommend(history != null ? history : histories.of(id));
    List<Recommendation> shared =
        template.usesHouseholdRecommendations()
            ? household.isPresent()
                ? recommend(histories.ofHousehold(household.get().externalId()))
                : template.usesRecommendations() && trigger == null
                    ? own
                    : recommend(history != null ? history : histories.of(id))
            : List.of();
    OfferList offerList =
        template.usesOffers()
            ? offers(id, trigger, recordOffers)
            : new OfferList(0, List.of(), List.of());
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
  private OfferList offers(String customerId, @Nullable Product trigger, boolean record) {
    OfferService.Ratios ratios = new OfferService.Ratios(null, null);
    if (trigger != null) {
      try {
        // A basket of the one product, with the customer's eligibility and exposure caps.
        return offers.forBasket(
            List.of(trigger.externalId()),
            customerId,
            ratios,
            Rules.defaults(),
            config.getOffers(),
            record);
      } catch (NotFoundException e) {
        if (!"product".equals(e.kind())) {
          throw e;
        }
      }
    }
    return offers.forCustomer(customerId, ratios, Rules.defaults(), config.getOffers(), record);
  }

  /**
   * Recommendations of what goes with {@code trigger} (bought with it or put in a basket with it),
   * leaving out what the customer of {@code history} bought; their own if the model has nothing for
   * it.
   */
  private List<Recommendation> recommendWith(
      Product trigger, HistoryReader.CustomerHistory history) {
    String item = trigger.externalId();
    Set<String> exclude = new HashSet<>(history.bought());
    exclude.add(item);
    RecommendationList anchored =
        recommender.recommend(
            new History().add(Signal.PURCHASE, item).add(Signal.CART, item),
            EnumSet.of(Signal.PURCHASE, Signal.CART),
            Rules.defaults(),
            exclude,
            config.getRecommendations());
    return anchored.personalised() > 0 ? anchored.items() : recommend(history);
  }

  private List<Recommendation> recommend(HistoryReader.CustomerHistory history) {
    return recommender
        .recommend(
            history.recent(),
            ALL_SIGNALS,
            Rules.defaults(),
            history.bought(),
            config.getRecommendations())
        .items();
  }
}
