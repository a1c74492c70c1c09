package io.affinity.service.api.offers;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What a report of impressions recorded.
 *
 * @param received distinct items in the report
 * @param recorded impressions that were new
 * @param duplicates impressions reported before, counted once
 */
@Serdeable
public record ImpressionResult(int received, int recorded, int duplicates) {}
