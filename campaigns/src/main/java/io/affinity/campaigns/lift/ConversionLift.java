package io.affinity.campaigns.lift;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * How treatment changed the conversion rate, against control.
 *
 * @param absoluteLift treatment rate minus control rate (a difference of proportions), with its
 *     Wald 95% interval
 * @param relativeLift absolute lift over the control rate, with a delta-method 95% interval; null
 *     when control converted nobody
 * @param zScore the two-proportion z statistic (pooled standard error)
 * @param pValue two-sided p-value of the z-test
 * @param incrementalConversions absolute lift times the treatment recipients
 * @param minimumDetectableEffect the absolute lift this sample detects with 80% power at the 5%
 *     level, given the control rate
 * @param power the chance of a significant result if the true lift were the observed one
 * @param underpowered whether the observed lift is smaller than the minimum detectable effect
 */
@Serdeable
public record ConversionLift(
    Estimate absoluteLift,
    Estimate relativeLift,
    @Nullable Double zScore,
    @Nullable Double pValue,
    Estimate incrementalConversions,
    @Nullable Double minimumDetectableEffect,
    @Nullable Double power,
    boolean underpowered) {}
