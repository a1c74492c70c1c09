package io.affinity.service.api.households;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class HouseholdApiTest extends ApiTestBase {

  @Test
  void aHouseholdListsItsMembers() {
    String h = "h-" + run;
    Reply put =
        api.put(
            "/api/households/" + h,
            "{\"name\":\"The Smiths\",\"address\":\"1 High St\",\"postcode\":\"AB1 2CD\"}",
            INGEST);
    assertThat(put.status()).isEqualTo(200);
    api.post(
        "/api/customers/batch",
        "[{\"id\":\"m1-"
            + run
            + "\",\"householdId\":\""
            + h
            + "\",\"name\":\"Ann\"},"
            + "{\"id\":\"m2-"
            + run
            + "\",\"householdId\":\""
            + h
            + "\",\"name\":\"Bob\"}]",
        INGEST);

    Reply read = api.get("/api/households/" + h, MARKETING);

    assertThat(read.json())
        .containsEntry("name", "The Smiths")
        .containsEntry("postcode", "AB1 2CD");
    assertThat((List<Map<String, Object>>) read.json().get("members"))
        .extracting(m -> m.get("name"))
        .containsExactly("Ann", "Bob");
  }

  @Test
  void batchesAndErrors() {
    Reply batch =
        api.post(
            "/api/households/batch",
            "[{\"id\":\"b1-"
                + run
                + "\"},{\"id\":\"b2-"
                + run
                + "\",\"postcode\":\""
                + "X".repeat(30)
                + "\"}]",
            INGEST);
    assertProblem(batch, 422);
    assertThat(batch.errorFields()).containsExactly("[1].postcode");
    assertProblem(api.get("/api/households/b1-" + run, MARKETING), 404);
    assertProblem(api.post("/api/households/batch", "{}", INGEST), 400);
  }
}
