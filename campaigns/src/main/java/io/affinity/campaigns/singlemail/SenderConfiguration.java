package io.affinity.campaigns.singlemail;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The sender of mail that belongs to no campaign (double opt-in confirmations, template test
 * sends), under {@code affinity.mail.sender}: {@code address} and an optional display {@code name}.
 */
@ConfigurationProperties(SenderConfiguration.PREFIX)
public class SenderConfiguration {
  public static final String PREFIX = "affinity.mail.sender";

  private String address;
  private String name;

  /** The From address; none disables confirmations (a template test send may name its own). */
  public @Nullable String getAddress() {
    return address;
  }

  public void setAddress(@Nullable String address) {
    this.address = address == null || address.isBlank() ? null : address.trim();
  }

  /** The From display name, or none. */
  public @Nullable String getName() {
    return name;
  }

  public void setName(@Nullable String name) {
    this.name = name == null || name.isBlank() ? null : name.trim();
  }
}
