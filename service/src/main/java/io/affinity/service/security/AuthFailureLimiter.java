package io.affinity.service.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed authentications per client and refuses a client that failed too often: after {@code
 * max-failures} failures within a period, {@link #coolDown} names the wait until that period ends,
 * and the caller refuses every attempt from the client until then, a correct one too (were it let
 * through, each attempt would still test a guess). Reusable by any login: the API key filter uses
 * it, and so should the console's sign-in.
 *
 * <p>One Bucket4j bucket per client, refilled in full at the end of each period; buckets live in a
 * bounded Caffeine cache and expire a period after their last use, when they would be full again
 * anyway.
 */
@Singleton
public class AuthFailureLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(AuthFailureLimiter.class);

  private final int maxFailures;
  private final Duration period;
  private final TimeMeter clock;
  private final Cache<String, Bucket> buckets;

  @Inject
  public AuthFailureLimiter(AuthFailureProperties properties) {
    this(
        properties.getMaxFailures(),
        properties.getPeriod(),
        properties.getMaxClients(),
        TimeMeter.SYSTEM_NANOTIME);
  }

  /**
   * A limiter of {@code maxFailures} per {@code period} (0: no limit) for at most {@code
   * maxClients} clients at once, on {@code clock}.
   */
  public AuthFailureLimiter(int maxFailures, Duration period, long maxClients, TimeMeter clock) {
    if (maxFailures < 0 || period.isNegative() || period.isZero() || maxClients < 1) {
      throw new ConfigurationException(
          AuthFailureProperties.PREFIX
              + ": max-failures must be 0 or more, period positive, max-clients at least 1");
    }
    this.maxFailures = maxFailures;
    this.period = period;
    this.clock = clock;
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(maxClients)
            .expireAfterAccess(period)
            .ticker(clock::currentTimeNanos)
            .build();
  }

  /** How long {@code client} must wait before it may try again; empty if it may try now. */
  public Optional<Duration> coolDown(String client) {
    if (maxFailures == 0) {
      return Optional.empty();
    }
    Bucket bucket = buckets.getIfPresent(client);
    if (bucket == null) {
      return Optional.empty();
    }
    EstimationProbe probe = bucket.estimateAbilityToConsume(1);
    return probe.canBeConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  /** Counts a failed attempt of {@code client}. */
  public void failed(String client) {
    if (maxFailures == 0) {
      return;
    }
    Bucket bucket = buckets.get(client, c -> newBucket());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed() && probe.getRemainingTokens() == 0) {
      LOG.warn(
          "{} failed authentications from {} within {}: refused until the period ends",
          maxFailures,
          client,
          period);
    }
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(l -> l.capacity(maxFailures).refillIntervally(maxFailures, period))
        .withCustomTimePrecision(clock)
        .build();
  }
}
