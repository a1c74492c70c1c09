package io.affinity.core.household;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A household as the API shows it, with its members. */
@Serdeable
public record HouseholdView(
    String id,
    @Nullable String name,
    @Nullable String address,
    @Nullable String postcode,
    @Nullable String country,
    Map<String, Object> attributes,
    List<Member> members,
    Instant createdAt,
    Instant updatedAt) {

  /** A customer of the household, by the shop's id. */
  @Serdeable
  @Introspected
  public record Member(String id, @Nullable String name, @Nullable String email) {}
}
