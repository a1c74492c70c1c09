package io.affinity.campaigns.triggers;

import java.util.Locale;
import java.util.Optional;

/** Who a firing addresses in the buyer's household. */
public enum TriggerAudience {
  /** The buyer's other household members. */
  OTHERS,
  /**
   * The household's primary contact: its earliest member (lowest customer id), since households
   * record no primary contact of their own.
   */
  PRIMARY;

  /** The name stored and shown by the API. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The audience named {@code name}, if there is one. */
  public static Optional<TriggerAudience> fromWireName(String name) {
    for (TriggerAudience a : values()) {
      if (a.wireName().equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
