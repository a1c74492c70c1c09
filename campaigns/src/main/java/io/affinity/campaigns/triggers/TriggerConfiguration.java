package io.affinity.campaigns.triggers;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * How often triggers are evaluated and how late an event may still fire: {@code affinity.triggers}.
 */
@ConfigurationProperties("affinity.triggers")
public class TriggerConfiguration {
  private boolean enabled = true;
  private Duration pollInterval = Duration.ofSeconds(5);
  private Duration maxLateness = Duration.ofHours(24);

  /** Whether the HTTP service evaluates triggers on a schedule (tests call the evaluator). */
  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** The pause between two evaluations. */
  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  /**
   * How long after its due time (purchase plus delay) a purchase may still fire: older ones, such
   * as a bulk import of last year's orders, are recorded as {@code late} and send nothing.
   */
  public Duration getMaxLateness() {
    return maxLateness;
  }

  public void setMaxLateness(Duration maxLateness) {
    this.maxLateness = maxLateness;
  }
}
