package io.affinity.campaigns.segments;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A saved segment as a list shows it: its current version's name, without rules or history. */
@Serdeable
public record SegmentSummary(
    long id, int version, String name, String description, Instant createdAt, Instant updatedAt) {}
