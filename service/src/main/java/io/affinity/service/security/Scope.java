package io.affinity.service.security;

import java.util.Locale;

/** What an API key may do. {@link #ADMIN} may do everything. */
public enum Scope {
  /** Send customers, households, products and events. */
  INGEST,
  /** Fetch recommendations and offers. */
  RECOMMEND,
  /** Read customers, build segments, run campaigns. */
  MARKETING,
  /** Post delivery events (bounces, complaints) from a mail provider: nothing else. */
  WEBHOOK,
  /** Everything, including models and configuration. */
  ADMIN;

  /** The name used in configuration and messages. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
