package io.affinity.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-key request rates: a second's worth at once, then the configured pace. */
class KeyRateLimiterTest {
  private final ManualClock clock = new ManualClock();

  private static ApiKeyProperties key(String name, Double rate) {
    ApiKeyProperties p = new ApiKeyProperties(name);
    p.setKey(name + "-key-of-enough-length");
    p.setScopes(List.of(Scope.RECOMMEND));
    p.setRatePerSecond(rate);
    return p;
  }

  @Test
  void aKeyGetsItsRateAndNoMore() {
    KeyRateLimiter limiter =
        new KeyRateLimiter(List.of(key("shop", 2.0), key("free", null)), clock);
    assertThat(limiter.acquire("shop")).isEmpty();
    assertThat(limiter.acquire("shop")).isEmpty();
    assertThat(limiter.acquire("shop"))
        .hasValueSatisfying(
            w -> assertThat(w).isBetween(Duration.ofMillis(1), Duration.ofMillis(500)));
    clock.advance(Duration.ofMillis(500));
    assertThat(limiter.acquire("shop")).isEmpty();
    assertThat(limiter.acquire("shop")).isPresent();
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.acquire("free")).isEmpty();
    }
  }

  @Test
  void aRateBelowOnePerSecondAllowsOneRequestPerInterval() {
    KeyRateLimiter limiter = new KeyRateLimiter(List.of(key("slow", 0.2)), clock);
    assertThat(limiter.acquire("slow")).isEmpty();
    assertThat(limiter.acquire("slow"))
        .hasValueSatisfying(
            w -> assertThat(w).isBetween(Duration.ofMillis(4900), Duration.ofSeconds(5)));
    clock.advance(Duration.ofSeconds(5));
    assertThat(limiter.acquire("slow")).isEmpty();
  }

  @Test
  void aRateThatIsNotPositiveIsAConfigurationError() {
    assertThatThrownBy(() -> new KeyRateLimiter(List.of(key("bad", 0.0)), clock))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("affinity.api-keys.bad.rate-per-second");
    assertThatThrownBy(() -> new KeyRateLimiter(List.of(key("bad", Double.NaN)), clock))
        .isInstanceOf(ConfigurationException.class);
  }
}
