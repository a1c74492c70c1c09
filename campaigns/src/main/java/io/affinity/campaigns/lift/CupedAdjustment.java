package io.affinity.campaigns.lift;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The CUPED adjustment of revenue per recipient by pre-campaign spend.
 *
 * @param theta cov(pre, revenue) / var(pre), pooled over both arms
 * @param correlation correlation of pre-period spend and revenue, pooled
 * @param varianceReduction 1 - adjusted variance of the lift / unadjusted variance (0.3: the
 *     interval is sqrt(0.7) = 84% as wide)
 */
@Serdeable
public record CupedAdjustment(
    double theta, @Nullable Double correlation, @Nullable Double varianceReduction) {}
