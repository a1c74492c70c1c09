package io.affinity.service.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The brakes on guessing keys: {@code affinity.security.failed-auth.max-failures} wrong keys from
 * one client address within {@code .period}, and that address is refused (429) for the rest of the
 * period; {@code .max-clients} addresses are remembered at most.
 */
@ConfigurationProperties(AuthFailureProperties.PREFIX)
public class AuthFailureProperties {
  /** Where the limits are configured. */
  public static final String PREFIX = "affinity.security.failed-auth";

  private int maxFailures = 20;
  private Duration period = Duration.ofMinutes(1);
  private long maxClients = 100_000;

  /** Wrong keys allowed per address and period; 0 turns the limit off. */
  public int getMaxFailures() {
    return maxFailures;
  }

  public void setMaxFailures(int maxFailures) {
    this.maxFailures = maxFailures;
  }

  /** The window the failures are counted in, and so the longest cool-down. */
  public Duration getPeriod() {
    return period;
  }

  public void setPeriod(Duration period) {
    this.period = period;
  }

  /** How many addresses' counts are kept (the least used go first). */
  public long getMaxClients() {
    return maxClients;
  }

  public void setMaxClients(long maxClients) {
    this.maxClients = maxClients;
  }
}
