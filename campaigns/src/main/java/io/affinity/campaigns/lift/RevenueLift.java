package io.affinity.campaigns.lift;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * How treatment changed revenue per recipient, against control.
 *
 * @param absoluteLift difference of mean revenue per recipient, with a Welch 95% interval
 * @param relativeLift absolute lift over control's mean, with a delta-method 95% interval; null
 *     when control spent nothing
 * @param tStatistic Welch's t
 * @param degreesOfFreedom Welch-Satterthwaite degrees of freedom
 * @param pValue two-sided p-value of Welch's t-test
 * @param incrementalRevenue absolute lift times the treatment recipients
 * @param minimumDetectableEffect the absolute lift this sample detects with 80% power at the 5%
 *     level
 * @param power the chance of a significant result if the true lift were the observed one
 * @param underpowered whether the observed lift is smaller than the minimum detectable effect
 * @param cuped the CUPED adjustment applied, or null when the figures are unadjusted
 */
@Serdeable
public record RevenueLift(
    Estimate absoluteLift,
    Estimate relativeLift,
    @Nullable Double tStatistic,
    @Nullable Double degreesOfFreedom,
    @Nullable Double pValue,
    Estimate incrementalRevenue,
    @Nullable Double minimumDetectableEffect,
    @Nullable Double power,
    boolean underpowered,
    @Nullable CupedAdjustment cuped) {}
