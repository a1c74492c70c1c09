package io.affinity.campaigns.lift;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One arm's figures as the report shows them.
 *
 * @param arm the arm: a variant name, {@code treatment} for all variants pooled, or {@code control}
 * @param recipients recipients assigned to the arm
 * @param conversions recipients who bought in their window
 * @param conversionRate conversions per recipient
 * @param orders orders in the window
 * @param revenue revenue in the window
 * @param revenuePerRecipient revenue per recipient, buyers or not
 * @param averageOrderValue revenue per order
 * @param conversionRateInterval the arm's own 95% interval of its conversion rate
 * @param revenuePerRecipientInterval the arm's own 95% interval of its revenue per recipient
 */
@Serdeable
public record ArmFigures(
    String arm,
    long recipients,
    long conversions,
    @Nullable Double conversionRate,
    long orders,
    double revenue,
    @Nullable Double revenuePerRecipient,
    @Nullable Double averageOrderValue,
    Estimate conversionRateInterval,
    Estimate revenuePerRecipientInterval) {

  /** The figures of {@code summary}. */
  public static ArmFigures of(String arm, ArmSummary summary) {
    return new ArmFigures(
        arm,
        summary.recipients(),
        summary.conversions(),
        Estimate.finite(summary.conversionRate()),
        summary.orders(),
        summary.revenueSum(),
        Estimate.finite(summary.revenuePerRecipient()),
        Estimate.finite(summary.averageOrderValue()),
        LiftStatistics.rateInterval(summary),
        LiftStatistics.meanInterval(summary));
  }
}
