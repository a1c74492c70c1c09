package io.affinity.campaigns.segments;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A frozen audience: the customers a segment version selected at {@code createdAt}. */
@Serdeable
public record Snapshot(long id, long segmentId, int segmentVersion, int size, Instant createdAt) {}
