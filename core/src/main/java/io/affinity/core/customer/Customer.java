package io.affinity.core.customer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A stored customer; {@code externalId} is the shop's id. Consent to e-mail is kept with when and
 * where it was given or withdrawn. Times are epoch millis.
 */
@MappedEntity("customers")
public record Customer(
    @Id @GeneratedValue @Nullable Long id,
    String externalId,
    @Nullable String email,
    @Nullable String name,
    @Nullable Long householdId,
    boolean emailConsent,
    @Nullable Long consentAt,
    @Nullable String consentSource,
    @Nullable String preferredChannel,
    @Nullable String address,
    @Nullable String postcode,
    @Nullable String country,
    @Nullable String attributes,
    long createdAt,
    long updatedAt) {

  /** A customer known only by id, as created by an event or an import. */
  public static Customer stub(String externalId, long now) {
    return new Customer(
        null,
        externalId,
        null,
        null,
        null,
        false,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        now,
        now);
  }
}
