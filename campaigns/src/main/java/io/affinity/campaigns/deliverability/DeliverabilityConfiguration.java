package io.affinity.campaigns.deliverability;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** How late bounces count, under {@code affinity.deliverability}. */
@ConfigurationProperties(DeliverabilityConfiguration.PREFIX)
public class DeliverabilityConfiguration {
  public static final String PREFIX = "affinity.deliverability";
  public static final int DEFAULT_SOFT_BOUNCE_LIMIT = 3;
  public static final Duration DEFAULT_SOFT_BOUNCE_WINDOW = Duration.ofDays(30);

  private int softBounceLimit = DEFAULT_SOFT_BOUNCE_LIMIT;
  private Duration softBounceWindow = DEFAULT_SOFT_BOUNCE_WINDOW;

  /** Soft bounces of one address within the window after which it is suppressed (3). */
  public int getSoftBounceLimit() {
    return softBounceLimit;
  }

  public void setSoftBounceLimit(int softBounceLimit) {
    this.softBounceLimit = Math.max(1, softBounceLimit);
  }

  /** The window soft bounces are counted in (30 days). */
  public Duration getSoftBounceWindow() {
    return softBounceWindow;
  }

  public void setSoftBounceWindow(Duration softBounceWindow) {
    this.softBounceWindow = softBounceWindow;
  }
}
