package io.affinity.core.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A stored household; {@code externalId} is the shop's id for it. Times are epoch millis. */
@MappedEntity("households")
public record Household(
    @Id @GeneratedValue @Nullable Long id,
    String externalId,
    @Nullable String name,
    @Nullable String address,
    @Nullable String postcode,
    @Nullable String country,
    @Nullable String attributes,
    long createdAt,
    long updatedAt) {}
