package io.affinity.campaigns.triggers;

import java.util.Locale;

/** Whether a trigger evaluates purchases (active) or not (paused). */
public enum TriggerStatus {
  ACTIVE,
  PAUSED;

  /** The name stored and shown by the API. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status stored as {@code name}. */
  public static TriggerStatus fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
