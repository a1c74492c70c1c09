package io.affinity.service.http;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.api.ApiTestBase;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/**
 * Every response carries nosniff, no framing and no referrer, whoever answers it; the tracking
 * pages keep their own stricter policy.
 */
@MicronautTest(transactional = false)
class SecurityHeadersTest extends ApiTestBase {

  private HttpResponse<?> exchange(MutableHttpRequest<?> request) {
    try {
      return client.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
    } catch (HttpClientResponseException e) {
      return e.getResponse();
    }
  }

  private static HttpResponse<?> assertProtected(HttpResponse<?> response, int status) {
    assertThat(response.code()).isEqualTo(status);
    assertThat(response.getHeaders().get("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.getHeaders().get("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.getHeaders().get("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(response.getHeaders().get("Content-Security-Policy"))
        .contains("frame-ancestors 'none'");
    return response;
  }

  @Test
  void anApiAnswerAndItsProblemsCarryTheHeaders() {
    String event = "{\"type\":\"visit\",\"customerId\":\"h-" + run + "\"}";
    assertProtected(
        exchange(
            HttpRequest.POST("/api/events", event)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("X-API-Key", INGEST)),
        200);
    assertProtected(
        exchange(HttpRequest.GET("/api/customers/nobody-" + run).header("X-API-Key", MARKETING)),
        404);
    assertProtected(exchange(HttpRequest.GET("/api/customers/nobody-" + run)), 401);
    assertProtected(exchange(HttpRequest.GET("/api/no-such-endpoint")), 404);
    assertProtected(exchange(HttpRequest.GET("/no-such-page")), 404);
  }

  @Test
  void healthAndTheApiDocumentationCarryTheHeaders() {
    assertProtected(exchange(HttpRequest.GET("/health")), 200);
    assertProtected(exchange(HttpRequest.GET("/swagger-ui/index.html")), 200);
    assertProtected(exchange(HttpRequest.GET("/swagger/affinity-0.1.yml")), 200);
  }

  @Test
  void trackingPagesKeepTheirOwnStricterPolicy() {
    HttpResponse<?> page = assertProtected(exchange(HttpRequest.GET("/t/u/not.a-token")), 404);
    assertThat(page.getHeaders().get("Content-Security-Policy")).startsWith("default-src 'none'");
    assertThat(page.getHeaders().getAll("Content-Security-Policy")).hasSize(1);
    assertThat(page.getHeaders().getAll("X-Frame-Options")).hasSize(1);
    assertProtected(exchange(HttpRequest.GET("/t/o/not.a-token")), 200);
  }
}
