package io.affinity.service.api.security;

import static io.affinity.service.api.TestApi.ADMIN;
import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static io.affinity.service.api.TestApi.RECOMMEND;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class ApiKeyTest extends ApiTestBase {

  private String event() {
    return "{\"type\":\"visit\",\"customerId\":\"s-" + run + "\"}";
  }

  @Test
  void aMissingOrWrongKeyIsUnauthorizedAndWritesNothing() {
    Reply missing = api.post("/api/events", event(), null);
    assertProblem(missing, 401);
    Reply wrong = api.post("/api/events", event(), "not-a-key-but-long-enough");
    assertProblem(wrong, 401);
    assertProblem(api.get("/api/customers/s-" + run, ADMIN), 404);
  }

  @Test
  void aKeyWithoutTheScopeIsForbidden() {
    Reply reply = api.post("/api/events", event(), RECOMMEND);
    assertProblem(reply, 403);
    assertThat(reply.json().get("detail").toString()).contains("ingest");
    assertProblem(api.get("/api/customers/s-" + run, MARKETING), 404);

    assertProblem(api.get("/api/customers/anyone", INGEST), 403);
    assertProblem(api.put("/api/products/x-" + run, "{}", MARKETING), 403);
  }

  @Test
  void theRightScopeOrAdminIsAccepted() {
    assertThat(api.post("/api/events", event(), INGEST).status()).isEqualTo(200);
    assertThat(api.get("/api/customers/s-" + run, MARKETING).status()).isEqualTo(200);
    assertThat(api.get("/api/customers/s-" + run, ADMIN).status()).isEqualTo(200);
  }

  @Test
  void aBearerTokenWorksToo() {
    Reply reply =
        api.send(HttpRequest.GET("/api/customers/nobody-" + run).bearerAuth(MARKETING), null);
    assertProblem(reply, 404);
  }

  @Test
  void unknownRoutesAndMethodsAreProblemsToo() {
    assertProblem(api.get("/api/nothing-here", ADMIN), 404);
    Reply method = api.send(HttpRequest.DELETE("/api/events"), ADMIN);
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.contentType()).isEqualTo("application/problem+json");
  }
}
