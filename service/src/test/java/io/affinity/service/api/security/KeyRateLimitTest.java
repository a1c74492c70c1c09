package io.affinity.service.api.security;

import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/**
 * A key with a rate-per-second (test-limited: 0.2, one request per 5 s) gets 429 with Retry-After
 * past it; other keys are not limited. A key configured by its digest works like any other.
 */
@MicronautTest(transactional = false)
class KeyRateLimitTest extends ApiTestBase {
  private static final String LIMITED = "test-limited-key-00000001";
  private static final String DIGEST_ONLY = "test-digest-key-000000001";

  private HttpResponse<String> get(String path, String key) {
    try {
      return client
          .toBlocking()
          .exchange(
              HttpRequest.GET(path).header("X-API-Key", key), Argument.STRING, Argument.STRING);
    } catch (HttpClientResponseException e) {
      @SuppressWarnings("unchecked")
      HttpResponse<String> r = (HttpResponse<String>) e.getResponse();
      return r;
    }
  }

  @Test
  void aKeyOverItsRateIsToldToWait() {
    String path = "/api/customers/nobody-" + run;
    assertThat(get(path, LIMITED).code()).isEqualTo(404);
    HttpResponse<String> over = get(path, LIMITED);
    assertThat(over.code()).isEqualTo(429);
    assertThat(Long.parseLong(over.getHeaders().get("Retry-After"))).isBetween(1L, 5L);
    assertProblem(api.get(path, LIMITED), 429);
    assertThat(api.get(path, LIMITED).json().get("detail").toString()).contains("test-limited");
    for (int i = 0; i < 5; i++) {
      assertThat(get(path, MARKETING).code()).as("an unlimited key").isEqualTo(404);
    }
  }

  @Test
  void aKeyGivenAsItsDigestIsAccepted() {
    Reply reply = api.get("/api/customers/nobody-" + run, DIGEST_ONLY);
    assertProblem(reply, 404);
    // The digest itself is no key.
    assertProblem(
        api.get(
            "/api/customers/nobody-" + run,
            "474fffe1d54e77e3c3bcd1f4882348ea8579b031789c5d263abfa27424cf3661"),
        401);
  }
}
