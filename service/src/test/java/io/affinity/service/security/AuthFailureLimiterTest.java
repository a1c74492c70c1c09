package io.affinity.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limiter of failed authentications, alone: per client, for the rest of the period. */
class AuthFailureLimiterTest {
  private final ManualClock clock = new ManualClock();
  private final AuthFailureLimiter limiter =
      new AuthFailureLimiter(20, Duration.ofMinutes(1), 1000, clock);

  @Test
  void twentyFailuresRefuseThatClientUntilThePeriodEnds() {
    for (int i = 0; i < 19; i++) {
      limiter.failed("203.0.113.1");
      clock.advance(Duration.ofMillis(70));
    }
    assertThat(limiter.coolDown("203.0.113.1")).isEmpty();
    limiter.failed("203.0.113.1");

    assertThat(limiter.coolDown("203.0.113.1"))
        .hasValueSatisfying(
            wait -> assertThat(wait).isBetween(Duration.ofSeconds(58), Duration.ofMinutes(1)));
    assertThat(limiter.coolDown("203.0.113.2")).as("another client").isEmpty();

    clock.advance(Duration.ofSeconds(30));
    assertThat(limiter.coolDown("203.0.113.1")).isPresent();
    clock.advance(Duration.ofSeconds(29));
    assertThat(limiter.coolDown("203.0.113.1")).as("the period is over").isEmpty();
  }

  @Test
  void failuresSpreadOverPeriodsDoNotAddUp() {
    for (int i = 0; i < 19; i++) {
      limiter.failed("203.0.113.3");
    }
    clock.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 19; i++) {
      limiter.failed("203.0.113.3");
    }
    assertThat(limiter.coolDown("203.0.113.3")).isEmpty();
  }

  @Test
  void anotherClientIsUnaffected() {
    for (int i = 0; i < 25; i++) {
      limiter.failed("2001:db8::/64");
    }
    assertThat(limiter.coolDown("2001:db8::/64")).isPresent();
    assertThat(limiter.coolDown("198.51.100.9")).isEmpty();
    limiter.failed("198.51.100.9");
    assertThat(limiter.coolDown("198.51.100.9")).isEmpty();
  }

  @Test
  void zeroTurnsTheLimitOff() {
    AuthFailureLimiter off = new AuthFailureLimiter(0, Duration.ofMinutes(1), 10, clock);
    for (int i = 0; i < 100; i++) {
      off.failed("203.0.113.4");
    }
    assertThat(off.coolDown("203.0.113.4")).isEmpty();
  }

  @Test
  void manyClientsAreForgottenRatherThanHeld() {
    AuthFailureLimiter small = new AuthFailureLimiter(2, Duration.ofMinutes(1), 10, clock);
    for (int c = 0; c < 10_000; c++) {
      small.failed("10.0." + (c / 256) + "." + (c % 256));
    }
    // Nothing to assert on memory directly; the limiter still answers, and a fresh client is free.
    assertThat(small.coolDown("192.0.2.1")).isEmpty();
  }
}
