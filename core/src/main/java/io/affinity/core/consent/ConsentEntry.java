package io.affinity.core.consent;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One statement of the ledger as the single customer view and the export show it.
 *
 * @param topic null for all mail on the channel
 * @param applied false when it was recorded but not applied; {@code note} says why
 */
@Serdeable
public record ConsentEntry(
    long id,
    String channel,
    @Nullable String topic,
    boolean granted,
    Instant statedAt,
    Instant recordedAt,
    String source,
    @Nullable String evidence,
    @Nullable String ip,
    @Nullable String userAgent,
    boolean applied,
    @Nullable String note) {}
