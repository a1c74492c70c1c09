package io.affinity.core.time;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The {@link Clock} bean: the system clock in UTC. Every "days since" counts to its now, so that a
 * segment's {@code recency_days}, the customer view's {@code recencyDays} and "buy again" agree on
 * the day; a test replaces the bean ({@code @Replaces}) to fix the time.
 */
@Factory
public class ClockFactory {
  /** The wall clock, in UTC (days are whole UTC days). */
  @Singleton
  public Clock clock() {
    return Clock.systemUTC();
  }
}
