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

  @Test
  void suggestsHouseholdsBySurnameAndAddressWithoutMerging() {
    String surname = "Zed" + run.replaceAll("[0-9]", "x");
    String body =
        "[{\"id\":\"s1-"
            + run
            + "\",\"name\":\"Ann "
            + surname
            + "\",\"address\":\"12, High St.\",\"postcode\":\"AB1 2CD\"},"
            + "{\"id\":\"s2-"
            + run
            + "\",\"name\":\"Bob "
            + surname.toLowerCase()
            + "\",\"address\":\"12 high st\",\"postcode\":\"ab1 2cd\"},"
            + "{\"id\":\"s3-"
            + run
            + "\",\"name\":\"Cy Other\",\"address\":\"12 High St\",\"postcode\":\"AB1 2CD\"},"
            + "{\"id\":\"t1-"
            + run
            + "\",\"name\":\"Di "
            + surname
            + "\",\"address\":\"9 Low Rd\",\"postcode\":\"ZZ9\",\"householdId\":\"t-"
            + run
            + "\"},"
            + "{\"id\":\"t2-"
            + run
            + "\",\"name\":\"Ed "
            + surname
            + "\",\"address\":\"9 Low Rd\",\"postcode\":\"ZZ9\",\"householdId\":\"t-"
            + run
            + "\"}]";
    assertThat(api.post("/api/customers/batch", body, INGEST).status()).isEqualTo(200);

    Reply reply = api.get("/api/households/suggestions?limit=1000", MARKETING);

    assertThat(reply.status()).isEqualTo(200);
    List<Map<String, Object>> ours =
        ((List<Map<String, Object>>) reply.body())
            .stream().filter(g -> g.get("surname").equals(surname.toLowerCase())).toList();
    assertThat(ours).hasSize(1);
    assertThat((List<String>) ours.get(0).get("customers"))
        .containsExactly("s1-" + run, "s2-" + run);
    assertThat(ours.get(0))
        .containsEntry("address", "12 high st")
        .containsEntry("postcode", "ab1 2cd");
    assertThat(api.get("/api/customers/s1-" + run, MARKETING).json())
        .as("a suggestion merges nothing")
        .doesNotContainKey("household");
    assertProblem(api.get("/api/households/suggestions?limit=0", MARKETING), 422);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBatchImportReportsTheHouseholdsItsCustomersSeemToForm() {
    String surname = "Quill" + run;
    String stored =
        "[{\"id\":\"q1-"
            + run
            + "\",\"name\":\"Ann "
            + surname
            + "\",\"address\":\"3 Mill Lane\",\"postcode\":\"QQ1-"
            + run
            + "\"}]";
    assertThat(api.post("/api/customers/batch", stored, INGEST).status()).isEqualTo(200);
    String batch =
        "[{\"id\":\"q2-"
            + run
            + "\",\"name\":\"Bo "
            + surname.toUpperCase()
            + "\",\"address\":\"3, Mill lane.\",\"postcode\":\"QQ1-"
            + run
            + "\"},{\"id\":\"q3-"
            + run
            + "\",\"name\":\"Cy Other\",\"address\":\"3 Mill Lane\",\"postcode\":\"QQ1-"
            + run
            + "\"}]";

    Reply plain = api.post("/api/customers/batch", batch, INGEST);
    Reply matched = api.post("/api/customers/batch?matchHouseholds=true", batch, INGEST);

    assertThat(plain.json()).doesNotContainKey("householdSuggestions");
    List<Map<String, Object>> suggestions =
        (List<Map<String, Object>>) matched.json().get("householdSuggestions");
    assertThat(suggestions).hasSize(1);
    assertThat((List<String>) suggestions.get(0).get("customers"))
        .as("the stored customer and the new one with her surname, not the neighbour")
        .containsExactly("q1-" + run, "q2-" + run);
    assertThat(api.get("/api/customers/q2-" + run, MARKETING).json())
        .as("a suggestion merges nothing")
        .doesNotContainKey("household");
    assertProblem(api.post("/api/customers/batch?matchHouseholds=maybe", batch, INGEST), 422);
  }
}
