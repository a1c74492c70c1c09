package io.affinity.core.value;

import io.micronaut.core.annotation.Nullable;

/**
 * What a full run learned from the whole population, which incremental updates reuse until the next
 * full run: the quintile cut points and the fitted models.
 *
 * @param asOf the end of observation of the run, epoch millis
 * @param recency cut points of the last purchase time (later is better)
 * @param frequency cut points of the order count
 * @param monetary cut points of net revenue
 * @param bgNbd the fitted purchase model, or null if the data were too thin to fit
 * @param gammaGamma the fitted spend model, or null if the data were too thin to fit
 */
public record ValueParameters(
    long asOf,
    Quintiles recency,
    Quintiles frequency,
    Quintiles monetary,
    @Nullable BgNbd bgNbd,
    @Nullable GammaGamma gammaGamma) {}
