package io.affinity.core.consent;

import java.util.Locale;

/** The state of consent to a channel, derived from the ledger. */
public enum ConsentState {
  /** Never granted (or only refused by a sync before any grant): not mailed. */
  NONE,
  /** Granted and not withdrawn since: mailed. */
  GRANTED,
  /** Withdrawn: not mailed, and only a double opt-in or an admin re-subscribes. */
  WITHDRAWN;

  /** The name stored and shown. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state stored as {@code wireName}; {@link #NONE} for anything unknown. */
  public static ConsentState of(String wireName) {
    if (wireName == null) {
      return NONE;
    }
    return switch (wireName) {
      case "granted" -> GRANTED;
      case "withdrawn" -> WITHDRAWN;
      default -> NONE;
    };
  }
}
