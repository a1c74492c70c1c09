package io.affinity.core.value;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A customer's value as the API shows it: the {@code customer_metrics} row with times as instants
 * and the customer named by the shop's id.
 *
 * @param customerId the shop's id; null inside the single customer view, which names it already
 * @param frequency distinct orders
 * @param monetary net revenue: purchases minus returns
 * @param rfmSegment one of the {@link RfmSegment} wire names
 * @param historicClv net revenue minus the cost of goods where products carry a cost
 * @param expectedPurchases12m expected purchase days in the next 12 months (BG/NBD)
 * @param predictedClv12m expected spend in the next 12 months (BG/NBD times Gamma-Gamma)
 * @param churnProbability probability of no purchase in the next 12 months
 * @param probabilityAlive probability the customer has not dropped out (BG/NBD)
 * @param recencyDays whole UTC days from the last purchase to now (the service clock)
 * @param asOf the time tenure and predictions are measured from (the last full run's end of
 *     observation)
 */
@Serdeable
public record CustomerValue(
    @Nullable String customerId,
    @Nullable String name,
    @Nullable Integer recencyDays,
    int frequency,
    BigDecimal monetary,
    @Nullable Integer rScore,
    @Nullable Integer fScore,
    @Nullable Integer mScore,
    @Nullable String rfmSegment,
    @Nullable BigDecimal avgOrderValue,
    @Nullable Integer tenureDays,
    @Nullable BigDecimal historicClv,
    @Nullable Double expectedPurchases12m,
    @Nullable BigDecimal predictedClv12m,
    @Nullable Double churnProbability,
    @Nullable Double probabilityAlive,
    List<String> topCategories,
    @Nullable String preferredChannel,
    @Nullable CampaignResponse lastCampaignResponse,
    @Nullable Instant firstPurchaseAt,
    @Nullable Instant lastPurchaseAt,
    Instant asOf,
    Instant computedAt) {

  /**
   * The latest response to a campaign.
   *
   * @param type open, click, unsubscribe or conversion
   */
  @Serdeable
  public record CampaignResponse(String type, long campaignId, Instant at) {}

  /**
   * The API face of {@code m}, for customer {@code externalId} (may be null) named {@code name};
   * {@code recencyDays} counts whole UTC days from the last purchase to {@code now} (epoch millis),
   * not to the run's {@code asOf}, so that it does not go stale between runs.
   */
  public static CustomerValue of(
      @Nullable String externalId, @Nullable String name, CustomerMetrics m, long now) {
    return new CustomerValue(
        externalId,
        name,
        m.lastPurchaseAt() == null
            ? null
            : (int)
                Math.max(
                    0,
                    Math.floorDiv(now, MetricsScorer.DAY)
                        - Math.floorDiv(m.lastPurchaseAt(), MetricsScorer.DAY)),
        m.orders(),
        m.revenue(),
        m.rScore(),
        m.fScore(),
        m.mScore(),
        m.rfmSegment(),
        m.avgOrderValue(),
        m.tenureDays(),
        m.historicClv(),
        m.expectedPurchases12m(),
        m.predictedClv12m(),
        m.churnProbability(),
        m.probabilityAlive(),
        m.topCategories(),
        m.preferredChannel(),
        m.lastCampaignResponse() == null
            ? null
            : new CampaignResponse(
                m.lastCampaignResponse(),
                m.lastCampaignId(),
                Instant.ofEpochMilli(m.lastCampaignResponseAt())),
        instant(m.firstPurchaseAt()),
        instant(m.lastPurchaseAt()),
        Instant.ofEpochMilli(m.asOf()),
        Instant.ofEpochMilli(m.computedAt()));
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
