package io.affinity.service.api;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/** Shared set-up of the HTTP tests: a client and ids unique to each test. */
public abstract class ApiTestBase {
  @Inject
  @Client("/")
  protected HttpClient client;

  @Inject protected JsonMapper json;

  protected TestApi api;

  /** A prefix unique to this test, since tests may share a database. */
  protected String run;

  @BeforeEach
  void setUpApi() {
    api = new TestApi(client, json);
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  /** Asserts that {@code reply} is a problem document with {@code status}. */
  protected static void assertProblem(TestApi.Reply reply, int status) {
    org.assertj.core.api.Assertions.assertThat(reply.status())
        .as("status of %s", reply.body())
        .isEqualTo(status);
    org.assertj.core.api.Assertions.assertThat(reply.contentType())
        .isEqualTo("application/problem+json");
    org.assertj.core.api.Assertions.assertThat(reply.json())
        .containsEntry("status", status)
        .containsKeys("type", "title", "detail");
    org.assertj.core.api.Assertions.assertThat(String.valueOf(reply.body()))
        .doesNotContain("Exception")
        .doesNotContain("at io.")
        .doesNotContain("io.affinity");
  }
}
