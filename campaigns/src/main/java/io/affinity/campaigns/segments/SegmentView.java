package io.affinity.campaigns.segments;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** A saved segment: its current version in full and the history of every version, newest first. */
@Serdeable
public record SegmentView(
    long id,
    int version,
    String name,
    String description,
    Object rules,
    Instant createdAt,
    Instant updatedAt,
    List<SegmentVersion> versions) {}
