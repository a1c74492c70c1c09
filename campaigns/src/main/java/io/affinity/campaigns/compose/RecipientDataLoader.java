package io.affinity.campaigns.compose;

import io.affinity.campaigns.templates.CompiledTemplate;
import io.affinity.campaigns.templates.TemplatesConfiguration;
import io.affinity.core.customer.Customer;
import io.affinity.core.household.Household;
import io.affinity.core.household.HouseholdMembers;
import io.affinity.core.household.HouseholdRepository;
import io.affinity.core.household.HouseholdView;
import io.affinity.recommender.offers.OfferList;
import io.affinity.recommender.offers.OfferService;
import io.affinity.recommender.serving.HistoryReader;
import io.affinity.recommender.serving.Recommendation;
import io.affinity.recommender.serving.Recommender;
import io.affinity.recommender.serving.Rules;
import io.affinity.recommender.training.Signal;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gathers a recipient's data for a template: their own recommendations (everything they bought left
 * out, in stock only), the household's when the template asks for them, and their cross-sell and
 * upsell offers (which {@link OfferService} records as shown, for its exposure caps). Only what the
 * template mentions is computed.
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

  RecipientDataLoader(
      HistoryReader histories,
      Recommender recommender,
      OfferService offers,
      HouseholdRepository households,
      HouseholdMembers members,
      TemplatesConfiguration config) {
    this.histories = histories;
    this.recommender = recommender;
    this.offers = offers;
    this.households = households;
    this.members = members;
    this.config = config;
  }

  RecipientData load(Customer customer, CompiledTemplate template) {
    return load(customer, template, null);
  }

  /**
   * The histories of the customers with our ids {@code customerIds}, in one read: what {@link
   * #load(Customer, CompiledTemplate, HistoryReader.CustomerHistory)} takes for a batch.
   */
  Map<Long, HistoryReader.CustomerHistory> histories(Collection<Long> customerIds) {
    return histories.ofCustomerIds(customerIds);
  }

  /**
   * The data of {@code customer}'s message; {@code history} is their history read beforehand with
   * the rest of a batch, or null to read it now.
   */
  RecipientData load(
      Customer customer,
      CompiledTemplate template,
      HistoryReader.@Nullable CustomerHistory history) {
    String id = customer.externalId();
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
        template.usesRecommendations()
            ? recommend(history != null ? history : histories.of(id))
            : List.of();
    List<Recommendation> shared =
        template.usesHouseholdRecommendations()
            ? household.isPresent()
                ? recommend(histories.ofHousehold(household.get().externalId()))
                : template.usesRecommendations()
                    ? own
                    : recommend(history != null ? history : histories.of(id))
            : List.of();
    OfferList offerList =
        template.usesOffers()
            ? offers.forCustomer(
                id, new OfferService.Ratios(null, null), Rules.defaults(), config.getOffers())
            : new OfferList(0, List.of(), List.of());
    return new RecipientData(
        customer,
        household.map(Household::externalId).orElse(null),
        household.map(Household::name).orElse(null),
        others,
        own,
        shared,
        offerList);
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
