package io.affinity.service.api.security;

import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.affinity.service.security.AuthFailureLimiter;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Guessing keys is braked per client address: after 20 wrong keys within a minute the address is
 * refused with 429 and Retry-After, a right key too, while other addresses go on as before. The
 * address comes from a header this test configures as the proxy's (as a deployment behind a proxy
 * would), so that one client can speak for several addresses.
 */
@MicronautTest(transactional = false)
@Property(name = "micronaut.server.client-address-header", value = "X-Test-Client")
class FailedKeyLimitTest extends ApiTestBase {
  private static final String CLIENT = "X-Test-Client";

  @Inject AuthFailureLimiter limiter;

  private HttpResponse<String> get(String path, String key, String address) {
    HttpRequest<?> request = HttpRequest.GET(path).header("X-API-Key", key).header(CLIENT, address);
    try {
      return client.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
    } catch (HttpClientResponseException e) {
      @SuppressWarnings("unchecked")
      HttpResponse<String> r = (HttpResponse<String>) e.getResponse();
      return r;
    }
  }

  private static String address() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "198.51." + r.nextInt(256) + "." + (1 + r.nextInt(254));
  }

  @Test
  void twentyWrongKeysFromOneAddressAndItIsRefusedForACoolDown() {
    String guesser = address();
    String path = "/api/customers/nobody-" + run;
    for (int i = 0; i < 20; i++) {
      assertThat(get(path, "wrong-key-number-" + i + "-" + run, guesser).code())
          .as("attempt %d", i + 1)
          .isEqualTo(401);
    }
    HttpResponse<String> refused = get(path, "wrong-key-number-21-" + run, guesser);
    assertThat(refused.code()).isEqualTo(429);
    assertThat(refused.getContentType().map(Object::toString)).contains("application/problem+json");
    long retryAfter = Long.parseLong(refused.getHeaders().get("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 60L);
    Reply problem = api.send(HttpRequest.GET(path).header(CLIENT, guesser), "wrong-key-22-" + run);
    assertProblem(problem, 429);
    assertThat(problem.json().get("type")).isEqualTo("urn:affinity:problem:too-many-requests");

    // The right key from that address is refused as well: it must not tell a guess that is right.
    HttpResponse<String> right = get(path, MARKETING, guesser);
    assertThat(right.code()).isEqualTo(429);
    assertThat(right.getHeaders().get("Retry-After")).isNotNull();

    // Another address is not affected.
    String other = address();
    assertThat(get(path, MARKETING, other).code()).isEqualTo(404);
    assertThat(get(path, "wrong-key-" + run, other).code()).isEqualTo(401);
  }

  @Test
  void aForwardedForHeaderDoesNotNameTheClientWhenAnotherIsConfigured() {
    String guesser = address();
    String path = "/api/customers/nobody-" + run;
    for (int i = 0; i < 20; i++) {
      HttpRequest<?> request =
          HttpRequest.GET(path)
              .header("X-API-Key", "wrong-key-number-" + i + "-" + run)
              .header(CLIENT, guesser)
              .header("X-Forwarded-For", address())
              .header("Forwarded", "for=" + address());
      try {
        client.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
      } catch (HttpClientResponseException e) {
        assertThat(e.getStatus().getCode()).isEqualTo(401);
      }
    }
    assertThat(get(path, MARKETING, guesser).code()).isEqualTo(429);
    assertThat(limiter.coolDown(guesser)).isPresent();
  }

  @Test
  void theLastAddressOfAListIsTheOneTheProxyAdded() {
    String spoofed = address();
    String real = address();
    String path = "/api/customers/nobody-" + run;
    for (int i = 0; i < 20; i++) {
      get(path, "wrong-key-number-" + i + "-" + run, address() + ", " + real);
    }
    assertThat(get(path, MARKETING, spoofed + ", " + real).code()).isEqualTo(429);
    assertThat(get(path, MARKETING, real + ", " + spoofed).code()).isEqualTo(404);
  }
}
