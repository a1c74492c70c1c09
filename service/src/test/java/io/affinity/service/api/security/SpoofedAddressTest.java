package io.affinity.service.api.security;

import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.api.ApiTestBase;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/**
 * Without a configured client-address header the peer of the connection is the client: a guesser
 * cannot escape the limit by sending a new X-Forwarded-For or Forwarded with every request.
 */
@MicronautTest(transactional = false)
@Property(name = "affinity.security.failed-auth.max-failures", value = "3")
class SpoofedAddressTest extends ApiTestBase {

  private int status(HttpRequest<?> request) {
    try {
      return client.toBlocking().exchange(request, Argument.STRING, Argument.STRING).code();
    } catch (HttpClientResponseException e) {
      return e.getStatus().getCode();
    }
  }

  @Test
  void forwardedHeadersFromTheClientAreNotBelieved() {
    String path = "/api/customers/nobody-" + run;
    for (int i = 0; i < 3; i++) {
      assertThat(
              status(
                  HttpRequest.GET(path)
                      .header("X-API-Key", "wrong-key-number-" + i + "-" + run)
                      .header("X-Forwarded-For", "203.0.113." + i)
                      .header("Forwarded", "for=203.0.113." + (100 + i))))
          .isEqualTo(401);
    }
    assertThat(
            status(
                HttpRequest.GET(path)
                    .header("X-API-Key", MARKETING)
                    .header("X-Forwarded-For", "203.0.113.77")))
        .isEqualTo(429);
  }
}
