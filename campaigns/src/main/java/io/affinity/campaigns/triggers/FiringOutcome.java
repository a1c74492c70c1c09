package io.affinity.campaigns.triggers;

import java.util.Locale;

/** What came of one purchase a trigger evaluated; stored in {@code trigger_firings.outcome}. */
public enum FiringOutcome {
  /** Recipient rows were written (to be sent, or held out as control). */
  FIRED,
  /** The household had its quota of firings in the cap window, or every member their message. */
  CAPPED,
  /** The household's last firing was within the cooldown. */
  COOLDOWN,
  /** Nobody to address: no other member, or none reachable (consent, address, suppression). */
  NO_AUDIENCE,
  /** The current window's campaign was cancelled (through the campaign API). */
  CANCELLED,
  /** Evaluated more than the allowed lateness after its due time (an import of old orders). */
  LATE,
  /**
   * The purchased product is in a sensitive category ({@code
   * affinity.privacy.sensitive-categories}): its purchase is the buyer's own business and addresses
   * nobody.
   */
  SENSITIVE;

  /** The name stored in the database. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
