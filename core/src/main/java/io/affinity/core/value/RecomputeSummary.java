package io.affinity.core.value;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * What a full recompute did.
 *
 * @param customers rows written (buyers and customers with only returns or campaign responses)
 * @param buyers customers with at least one purchase, the ones scored
 * @param asOf the end of observation
 * @param bgNbd the fitted purchase model, or null if not fitted
 * @param gammaGamma the fitted spend model, or null if not fitted
 * @param millis how long the run took
 */
@Serdeable
public record RecomputeSummary(
    int customers,
    int buyers,
    Instant asOf,
    @Nullable BgNbd bgNbd,
    @Nullable GammaGamma gammaGamma,
    long millis) {}
