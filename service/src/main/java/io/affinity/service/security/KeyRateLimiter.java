package io.affinity.service.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The optional request rate of each API key ({@code affinity.api-keys.<name>.rate-per-second}): a
 * Bucket4j bucket per limited key holding one second's worth of requests (at least one), refilled
 * steadily. Keys without a rate are not limited.
 */
@Singleton
public class KeyRateLimiter {
  private final Map<String, Bucket> byName = new HashMap<>();

  @Inject
  public KeyRateLimiter(List<ApiKeyProperties> configured) {
    this(configured, TimeMeter.SYSTEM_NANOTIME);
  }

  /** The limits of {@code configured} keys, on {@code clock}. */
  public KeyRateLimiter(List<ApiKeyProperties> configured, TimeMeter clock) {
    for (ApiKeyProperties p : configured) {
      Double rate = p.getRatePerSecond();
      if (rate == null) {
        continue;
      }
      if (!(rate > 0) || rate > 1_000_000) {
        throw new ConfigurationException(
            ApiKeyProperties.PREFIX
                + "."
                + p.getName()
                + ".rate-per-second must be above 0 and at most 1000000, got "
                + rate);
      }
      long burst = Math.max(1, (long) Math.ceil(rate));
      Duration refill = Duration.ofNanos(Math.round(burst * 1e9 / rate));
      byName.put(
          p.getName(),
          Bucket.builder()
              .addLimit(l -> l.capacity(burst).refillGreedy(burst, refill))
              .withCustomTimePrecision(clock)
              .build());
    }
  }

  /**
   * Takes one request from key {@code name}'s rate: empty if it may go on, else how long until it
   * may.
   */
  public Optional<Duration> acquire(String name) {
    Bucket bucket = byName.get(name);
    if (bucket == null) {
      return Optional.empty();
    }
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }
}
