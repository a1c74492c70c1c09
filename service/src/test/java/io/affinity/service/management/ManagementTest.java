package io.affinity.service.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class ManagementTest extends ApiTestBase {

  @Test
  void healthIsUpWithTheDatabase() {
    Reply health = api.get("/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json()).containsEntry("status", "UP");
  }

  @Test
  void prometheusExposesMetrics() {
    api.get("/health", null);
    Reply metrics = api.get("/prometheus", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body().toString()).contains("jvm_memory_used_bytes").contains("hikaricp");
  }

  @Test
  void theOpenApiDocumentAndUiAreServed() {
    Reply spec = api.get("/swagger/affinity-0.1.yml", null);
    assertThat(spec.status()).isEqualTo(200);
    assertThat(spec.body().toString()).contains("/api/events").contains("/api/customers/{id}");
    Reply ui = api.get("/swagger-ui/index.html", null);
    assertThat(ui.status()).isEqualTo(200);
    assertThat(ui.body().toString()).contains("swagger");
  }
}
