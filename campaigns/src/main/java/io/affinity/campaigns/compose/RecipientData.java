package io.affinity.campaigns.compose;

import io.affinity.core.customer.Customer;
import io.affinity.core.household.HouseholdView;
import io.affinity.core.product.Product;
import io.affinity.recommender.offers.OfferList;
import io.affinity.recommender.serving.Recommendation;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * What one message shows about its recipient; the parts the template does not use are empty.
 *
 * @param householdName the household's name, if the customer has one and the template uses it
 * @param members the other members of the household
 * @param householdRecommendations recommendations from the whole household's history
 * @param triggerItem for a trigger's recipient, the product whose purchase fired it; else null
 */
record RecipientData(
    Customer customer,
    @Nullable String householdId,
    @Nullable String householdName,
    List<HouseholdView.Member> members,
    List<Recommendation> recommendations,
    List<Recommendation> householdRecommendations,
    OfferList offers,
    @Nullable Product triggerItem) {}
