package io.affinity.core.value;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.util.List;

/**
 * One row of {@code customer_metrics}: a customer's value as of {@code asOf}. Scores, segment and
 * predictions are null for a customer without purchases, or before the first full run.
 *
 * @param recencyDays whole days from the last purchase to {@code asOf}
 * @param tenureDays whole days from the first purchase to {@code asOf}
 * @param historicClv net revenue minus the cost of goods where products carry a cost
 * @param expectedPurchases12m expected purchase days in the next 365 days (BG/NBD)
 * @param predictedClv12m expected purchase days times expected spend per day (Gamma-Gamma)
 * @param churnProbability probability of no purchase in the next 365 days
 * @param probabilityAlive probability the customer has not dropped out (BG/NBD)
 */
public record CustomerMetrics(
    long customerId,
    long asOf,
    @Nullable Long firstPurchaseAt,
    @Nullable Long lastPurchaseAt,
    @Nullable Integer recencyDays,
    @Nullable Integer tenureDays,
    int orders,
    int purchaseDays,
    BigDecimal revenue,
    @Nullable BigDecimal avgOrderValue,
    @Nullable Integer rScore,
    @Nullable Integer fScore,
    @Nullable Integer mScore,
    @Nullable String rfmSegment,
    @Nullable BigDecimal historicClv,
    @Nullable Double expectedPurchases12m,
    @Nullable BigDecimal predictedClv12m,
    @Nullable Double churnProbability,
    @Nullable Double probabilityAlive,
    List<String> topCategories,
    @Nullable String preferredChannel,
    @Nullable String lastCampaignResponse,
    @Nullable Long lastCampaignId,
    @Nullable Long lastCampaignResponseAt,
    long computedAt) {}
