package io.affinity.service.api.segments;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The segment endpoints over HTTP: save, version, read, preview, freeze, and every refusal. */
@MicronautTest(transactional = false)
class SegmentApiTest extends ApiTestBase {

  /** Customers of a country unique to the test, sent through the customer API. */
  private String customers(int consented, int not) {
    String country = "Z" + run;
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < consented + not; i++) {
      if (i > 0) {
        batch.append(',');
      }
      batch.append(
          String.format(
              "{\"id\": \"%s-%d\", \"name\": \"n%d\", \"country\": \"%s\", \"emailConsent\": %b,"
                  + " \"email\": \"c%d-%s@example.com\"}",
              run, i, i, country, i < consented, i, run));
    }
    Reply reply = api.post("/api/customers/batch", batch.append(']').toString(), INGEST);
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    return country;
  }

  private String definition(String name, String country, boolean consentOnly) {
    String consent =
        consentOnly ? ", {\"field\": \"email_consent\", \"op\": \"=\", \"value\": true}" : "";
    return "{\"name\": \""
        + name
        + "\", \"description\": \"test\", \"rules\": {\"all\": [{\"field\": \"country\","
        + " \"op\": \"=\", \"value\": \""
        + country
        + "\"}"
        + consent
        + "]}}";
  }

  @Test
  void saveVersionPreviewAndFreeze() {
    String country = customers(3, 2);
    Reply created = api.post("/api/segments", definition("all " + run, country, false), MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    long id = ((Number) created.json().get("id")).longValue();
    assertThat(created.json()).containsEntry("version", 1).containsEntry("name", "all " + run);

    Reply preview = api.get("/api/segments/" + id + "/preview", MARKETING);
    assertThat(preview.status()).isEqualTo(200);
    assertThat(preview.json()).containsEntry("count", 5);
    assertThat((List<?>) preview.json().get("sample")).hasSize(5);
    assertThat((Map<String, Object>) preview.json().get("byRfmSegment")).containsEntry("none", 5);

    Reply updated =
        api.put("/api/segments/" + id, definition("consented " + run, country, true), MARKETING);
    assertThat(updated.status()).as("%s", updated.body()).isEqualTo(200);
    assertThat(updated.json()).containsEntry("version", 2);

    Reply read = api.get("/api/segments/" + id, MARKETING);
    List<Map<String, Object>> versions = (List<Map<String, Object>>) read.json().get("versions");
    assertThat(versions).extracting(v -> v.get("version")).containsExactly(2, 1);
    assertThat(versions.get(1)).containsEntry("name", "all " + run);
    assertThat(((Map<String, Object>) read.json().get("rules"))).containsKey("all");

    Reply snapshot = api.post("/api/segments/" + id + "/snapshots", "", MARKETING);
    assertThat(snapshot.status()).as("%s", snapshot.body()).isEqualTo(201);
    assertThat(snapshot.json()).containsEntry("size", 3).containsEntry("segmentVersion", 2);
    Reply again = api.get("/api/segments/snapshots/" + snapshot.json().get("id"), MARKETING);
    assertThat(again.json()).containsEntry("size", 3);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theListShowsEverySegmentMostRecentlyUpdatedFirstWithoutRules() {
    String country = customers(1, 0);
    long first =
        id(api.post("/api/segments", definition("first " + run, country, false), MARKETING));
    long second =
        id(api.post("/api/segments", definition("second " + run, country, false), MARKETING));
    Reply updated =
        api.put("/api/segments/" + first, definition("first v2 " + run, country, true), MARKETING);
    assertThat(updated.status()).as("%s", updated.body()).isEqualTo(200);

    Reply list = api.get("/api/segments?limit=500", MARKETING);

    assertThat(list.status()).as("%s", list.body()).isEqualTo(200);
    List<Map<String, Object>> rows = (List<Map<String, Object>>) list.body();
    List<Map<String, Object>> ours =
        rows.stream().filter(r -> String.valueOf(r.get("name")).endsWith(run)).toList();
    assertThat(ours)
        .extracting(r -> ((Number) r.get("id")).longValue())
        .containsExactly(first, second);
    assertThat(ours.get(0))
        .containsEntry("name", "first v2 " + run)
        .containsEntry("version", 2)
        .containsEntry("description", "test")
        .containsKeys("createdAt", "updatedAt")
        .doesNotContainKeys("rules", "versions");

    List<Map<String, Object>> one =
        (List<Map<String, Object>>) api.get("/api/segments?limit=1", MARKETING).body();
    assertThat(one).hasSize(1);
    List<Map<String, Object>> skipped =
        (List<Map<String, Object>>) api.get("/api/segments?limit=1&offset=1", MARKETING).body();
    assertThat(skipped).hasSize(1);
    assertThat(skipped.get(0).get("id")).isNotEqualTo(one.get(0).get("id"));
    assertProblem(api.get("/api/segments?limit=0", MARKETING), 422);
    assertProblem(api.get("/api/segments?offset=x", MARKETING), 422);
    assertThat(api.get("/api/segments", INGEST).status()).isEqualTo(403);
    assertThat(api.get("/api/segments", null).status()).isEqualTo(401);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSegmentsSnapshotsAreListedNewestFirst() {
    String country = customers(2, 1);
    long id = id(api.post("/api/segments", definition("snaps " + run, country, false), MARKETING));
    Object older = api.post("/api/segments/" + id + "/snapshots", "", MARKETING).json().get("id");
    api.put("/api/segments/" + id, definition("snaps " + run, country, true), MARKETING);
    Object newer = api.post("/api/segments/" + id + "/snapshots", "", MARKETING).json().get("id");

    Reply list = api.get("/api/segments/" + id + "/snapshots", MARKETING);

    assertThat(list.status()).as("%s", list.body()).isEqualTo(200);
    List<Map<String, Object>> rows = (List<Map<String, Object>>) list.body();
    assertThat(rows).extracting(r -> r.get("id")).containsExactly(newer, older);
    assertThat(rows).extracting(r -> r.get("segmentVersion")).containsExactly(2, 1);
    assertThat(rows).extracting(r -> r.get("size")).containsExactly(2, 3);
    assertProblem(api.get("/api/segments/987654321/snapshots", MARKETING), 404);
  }

  private static long id(Reply created) {
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return ((Number) created.json().get("id")).longValue();
  }

  @Test
  void previewOfAnUnsavedDefinition() {
    String country = customers(1, 1);
    Reply preview =
        api.post(
            "/api/segments/preview",
            "{\"rules\": {\"all\": [{\"field\": \"country\", \"op\": \"=\", \"value\": \""
                + country
                + "\"}, {\"field\": \"email_consent\", \"op\": \"=\", \"value\": false}]}}",
            MARKETING);
    assertThat(preview.status()).as("%s", preview.body()).isEqualTo(200);
    assertThat(preview.json()).containsEntry("count", 1);
  }

  @Test
  void invalidDefinitionsNameTheRule() {
    Reply reply =
        api.post(
            "/api/segments",
            "{\"name\": \"bad\", \"rules\": {\"all\": ["
                + "{\"field\": \"orders\", \"op\": \">\", \"value\": 1},"
                + "{\"field\": \"recency\", \"op\": \"<\", \"value\": 3},"
                + "{\"any\": [{\"field\": \"orders\", \"op\": \"like\", \"value\": 2}]},"
                + "{\"field\": \"revenue\", \"op\": \">\", \"value\": \"lots\"},"
                + "{\"any\": []},"
                + "{\"bought\": {\"category\": \"Garden\", \"withinDays\": 0}},"
                + "{\"engaged\": {\"event\": \"open\", \"withinDays\": 3651}},"
                + "{\"field\": \"country\", \"op\": \"<\", \"value\": \"DE\"},"
                + "{\"likelyBuyers\": {\"product\": \"p\", \"top\": 0}}"
                + "]}}",
            MARKETING);
    assertProblem(reply, 422);
    assertThat(reply.errorFields())
        .containsExactly(
            "rules.all[1].field",
            "rules.all[2].any[0].op",
            "rules.all[3].value",
            "rules.all[4].any",
            "rules.all[5].bought.withinDays",
            "rules.all[6].engaged.withinDays",
            "rules.all[7].op",
            "rules.all[8].likelyBuyers.top");
  }

  @Test
  void unknownProductsAndCategoriesAreRefusedWhenSaved() {
    Reply reply =
        api.post(
            "/api/segments",
            "{\"name\": \"x\", \"rules\": {\"any\": [{\"bought\": {\"product\": \"nope-"
                + run
                + "\"}}, {\"neverBought\": {\"category\": \"Nowhere/"
                + run
                + "\"}}]}}",
            MARKETING);
    assertProblem(reply, 422);
    assertThat(reply.errorFields())
        .containsExactly("rules.any[0].bought.product", "rules.any[1].neverBought.category");
  }

  @Test
  void malformedBodiesMissingSegmentsAndWrongKeys() {
    assertProblem(api.post("/api/segments", "{\"name\": ", MARKETING), 400);
    assertProblem(api.post("/api/segments", "[]", MARKETING), 400);
    assertProblem(api.post("/api/segments", "{\"name\": \"x\"}", MARKETING), 422);
    assertProblem(api.get("/api/segments/987654321", MARKETING), 404);
    assertProblem(api.get("/api/segments/abc", MARKETING), 404);
    assertProblem(api.get("/api/segments/987654321/preview", MARKETING), 404);
    assertProblem(api.post("/api/segments/987654321/snapshots", "", MARKETING), 404);
    assertProblem(api.get("/api/segments/snapshots/987654321", MARKETING), 404);
    assertProblem(api.put("/api/segments/987654321", definition("x", "DE", false), MARKETING), 404);
    assertThat(api.get("/api/segments/1", INGEST).status()).isEqualTo(403);
    assertThat(api.get("/api/segments/1", null).status()).isEqualTo(401);
  }

  @Test
  void predictedAffinityOnAnUnknownCategoryNamesTheRule() {
    Reply reply =
        api.post(
            "/api/segments/preview",
            "{\"rules\": {\"likelyBuyers\": {\"category\": \"Nowhere/" + run + "\", \"top\": 5}}}",
            MARKETING);
    assertProblem(reply, 422);
    assertThat(reply.errorFields()).containsExactly("rules.likelyBuyers.category");
  }
}
