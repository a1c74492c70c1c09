package io.affinity.campaigns.segments;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One saved version of a segment: its name, description and rule tree as sent. */
@Serdeable
public record SegmentVersion(
    int version, String name, String description, Object rules, Instant createdAt) {}
