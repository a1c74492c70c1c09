package io.affinity.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.segments.ProfileField;
import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.Role;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The segments pages over HTTP: building, previewing, saving, versioning and freezing a segment
 * through the console's forms; problems shown at their rule; a form without its CSRF token and an
 * analyst's save refused with nothing saved.
 */
@MicronautTest(transactional = false)
class SegmentsConsoleTest {
  @Inject EmbeddedServer server;
  @Inject ConsoleUsers users;
  @Inject TransactionOperations<Connection> tx;

  String run;
  String country;
  String marketer;
  String analyst;

  @BeforeEach
  void customersAndUsers() throws IOException, InterruptedException {
    run = UUID.randomUUID().toString().substring(0, 8);
    country = "S" + run;
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 4; i++) {
      batch.append(i > 0 ? "," : "");
      batch.append(
          String.format(
              "{\"id\": \"%s-%d\", \"name\": \"Member %d\", \"country\": \"%s\","
                  + " \"emailConsent\": %b, \"email\": \"m%d-%s@example.com\"}",
              run, i, i, country, i < 3, i, run));
    }
    HttpResponse<String> sent =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.getURI().resolve("/api/customers/batch"))
                    .header("Content-Type", "application/json")
                    .header("X-API-Key", "test-ingest-key-000000001")
                    .POST(HttpRequest.BodyPublishers.ofString(batch.append(']').toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    marketer = "marketer-" + run;
    analyst = "analyst-" + run;
    users.create(marketer, SignInTest.PASSWORD, Role.MARKETER);
    users.create(analyst, SignInTest.PASSWORD, Role.ANALYST);
  }

  ConsoleHttp signedIn(String user) {
    ConsoleHttp b = new ConsoleHttp(server.getURI());
    assertThat(b.signIn(user, SignInTest.PASSWORD).statusCode()).isEqualTo(303);
    return b;
  }

  /** Country is ours, and (when {@code consentedOnly}) not (email_consent = false). */
  String rules(boolean consentedOnly) {
    String country = "{\"field\":\"country\",\"op\":\"=\",\"value\":\"" + this.country + "\"}";
    return consentedOnly
        ? "{\"all\":["
            + country
            + ",{\"not\":{\"field\":\"email_consent\",\"op\":\"=\",\"value\":false}}]}"
        : "{\"all\":[" + country + "]}";
  }

  static Map<String, String> form(String csrf, String name, String rules) {
    Map<String, String> form = new LinkedHashMap<>();
    if (csrf != null) {
      form.put("csrfToken", csrf);
    }
    form.put("name", name);
    form.put("description", "made by a test");
    form.put("rules", rules);
    return form;
  }

  static String location(HttpResponse<String> r) {
    return r.headers().firstValue("Location").orElseThrow();
  }

  /** The audit log's lines of {@code user}: "action subject detail", oldest first. */
  List<String> audited(String user) {
    return tx.executeRead(
        status -> {
          List<String> lines = new ArrayList<>();
          try (var ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "SELECT action, subject_type, subject, detail FROM audit_log"
                          + " WHERE actor = ? AND action LIKE 'segment-%' ORDER BY id")) {
            ps.setString(1, user);
            try (var rs = ps.executeQuery()) {
              while (rs.next()) {
                lines.add(
                    rs.getString(1)
                        + " "
                        + rs.getString(2)
                        + " "
                        + rs.getString(3)
                        + " "
                        + rs.getString(4));
              }
            }
          }
          return lines;
        });
  }

  @Test
  void aMarketerBuildsPreviewsSavesVersionsAndFreezesASegment() {
    ConsoleHttp b = signedIn(marketer);
    HttpResponse<String> builder = b.get("/console/segments/new");
    assertThat(builder.statusCode()).isEqualTo(200);
    // The builder offers what the rule parser takes.
    for (ProfileField field : ProfileField.values()) {
      assertThat(builder.body()).contains("&quot;" + field.wireName() + "&quot;");
    }
    assertThat(builder.body()).contains("&quot;between&quot;");
    String csrf = ConsoleHttp.csrf(builder.body());

    HttpResponse<String> preview = b.post("/console/segments/preview", form(csrf, "", rules(true)));
    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.body())
        .contains("id=\"live-count\">3<")
        .contains("By RFM segment")
        .contains("/console/customers/" + run + "-0")
        .doesNotContain("/console/customers/" + run + "-3");

    HttpResponse<String> saved =
        b.post("/console/segments", form(csrf, "All " + run, rules(false)));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    String page = location(saved);
    assertThat(page).matches("/console/segments/\\d+");
    HttpResponse<String> shown = b.get(page);
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body())
        .contains("<h1>All " + run + "</h1>")
        .contains("id=\"live-count\">4<")
        .contains("country = " + country)
        .contains("Take a snapshot");
    assertThat(b.get("/console/segments").body()).contains("All " + run);
    assertThat(b.get(page + "/count").body()).contains(">4<");

    HttpResponse<String> edit = b.get(page + "/edit");
    assertThat(edit.statusCode()).isEqualTo(200);
    assertThat(edit.body()).contains("value=\"All " + run + "\"").contains("as version 2");
    HttpResponse<String> versioned =
        b.post(page + "/versions", form(csrf, "Consented " + run, rules(true)));
    assertThat(versioned.statusCode()).as(versioned.body()).isEqualTo(303);
    HttpResponse<String> frozen = b.post(page + "/snapshots", Map.of("csrfToken", csrf));
    assertThat(frozen.statusCode()).isEqualTo(303);
    assertThat(location(frozen)).startsWith(page + "?taken=");

    String after = b.get(location(frozen)).body();
    assertThat(after)
        .contains("<h1>Consented " + run + "</h1>")
        .contains("Version 2 ·")
        .contains("id=\"live-count\">3<")
        .contains("Not: email_consent = false")
        .contains("Version 1: All " + run)
        .containsPattern("<td>#\\d+</td><td>2</td><td>3</td>");
    String id = page.substring(page.lastIndexOf('/') + 1);
    assertThat(audited(marketer))
        .hasSize(3)
        .satisfies(
            l -> assertThat(l.get(0)).isEqualTo("segment-create segment " + id + " All " + run))
        .satisfies(
            l ->
                assertThat(l.get(1))
                    .isEqualTo("segment-version segment " + id + " version 2: Consented " + run))
        .satisfies(
            l -> assertThat(l.get(2)).startsWith("segment-snapshot segment " + id + " snapshot "));
  }

  @Test
  void problemsAreShownAtTheirRuleAndNothingIsSaved() {
    ConsoleHttp b = signedIn(marketer);
    String csrf = ConsoleHttp.csrf(b.get("/console/segments/new").body());
    String bad =
        "{\"all\":[{\"field\":\"country\",\"op\":\"=\",\"value\":\"DE\"},"
            + "{\"any\":[{\"not\":{\"field\":\"orders\",\"op\":\">\",\"value\":\"many\"}}]},"
            + "{\"bought\":{\"product\":\"no-such-product-"
            + run
            + "\"}}]}";

    HttpResponse<String> refused = b.post("/console/segments", form(csrf, " ", bad));

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body())
        .contains("Not saved: 2 problems")
        .contains("id=\"seg-name-error\"")
        .contains("data-path=\"rules.all[1].any[0].not.value\"")
        .contains("must be a whole number");
    // The builder gets the tree back as it was sent, so the paths still fit its rules.
    assertThat(refused.body()).contains("no-such-product-" + run);
    HttpResponse<String> unknownProduct =
        b.post(
            "/console/segments",
            form(
                csrf,
                "Unknown " + run,
                rules(false)
                    .replace(
                        "]}", ",{\"bought\":{\"product\":\"no-such-product-" + run + "\"}}]}")));
    assertThat(unknownProduct.statusCode()).isEqualTo(422);
    assertThat(unknownProduct.body()).contains("data-path=\"rules.all[1].bought.product\"");
    assertThat(b.post("/console/segments", form(csrf, "Garbage " + run, "{\"all\":")).body())
        .contains("data-path=\"rules\"");

    HttpResponse<String> preview = b.post("/console/segments/preview", form(csrf, "", bad));
    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.body()).contains("data-path=\"rules.all[1].any[0].not.value\"");
    assertThat(audited(marketer)).isEmpty();
    assertThat(b.get("/console/segments?page=1").body())
        .doesNotContain("Unknown " + run)
        .doesNotContain("Garbage " + run);
  }

  @Test
  void aFormWithoutItsCsrfTokenIsRefusedAndSavesNothing() {
    ConsoleHttp b = signedIn(marketer);
    String csrf = ConsoleHttp.csrf(b.get("/console/segments/new").body());
    HttpResponse<String> made =
        b.post("/console/segments", form(csrf, "Kept " + run, rules(false)));
    String page = location(made);

    assertThat(b.post("/console/segments", form(null, "Forged " + run, rules(false))).statusCode())
        .isEqualTo(403);
    assertThat(
            b.post("/console/segments", form("forged", "Forged " + run, rules(false))).statusCode())
        .isEqualTo(403);
    assertThat(b.post(page + "/versions", form(null, "Forged " + run, rules(true))).statusCode())
        .isEqualTo(403);
    assertThat(b.post(page + "/snapshots", Map.of()).statusCode()).isEqualTo(403);
    assertThat(b.post("/console/segments/preview", form(null, "", rules(true))).statusCode())
        .isEqualTo(403);

    assertThat(b.get("/console/segments").body()).doesNotContain("Forged " + run);
    assertThat(audited(marketer)).hasSize(1);
    assertThat(b.get(page).body())
        .contains("<h1>Kept " + run + "</h1>")
        .contains("No snapshots yet");
  }

  @Test
  void anAnalystMayLookButNotSave() {
    ConsoleHttp m = signedIn(marketer);
    String mcsrf = ConsoleHttp.csrf(m.get("/console/segments/new").body());
    String page = location(m.post("/console/segments", form(mcsrf, "Seen " + run, rules(false))));

    ConsoleHttp a = signedIn(analyst);
    HttpResponse<String> list = a.get("/console/segments");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("Seen " + run).doesNotContain("New segment");
    HttpResponse<String> shown = a.get(page);
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body())
        .contains("id=\"live-count\">4<")
        .doesNotContain("Take a snapshot")
        .doesNotContain("/edit\"");
    String csrf = ConsoleHttp.csrf(shown.body());

    assertThat(a.get("/console/segments/new").statusCode()).isEqualTo(403);
    assertThat(a.get(page + "/edit").statusCode()).isEqualTo(403);
    assertThat(a.post("/console/segments", form(csrf, "Analyst " + run, rules(false))).statusCode())
        .isEqualTo(403);
    assertThat(a.post(page + "/versions", form(csrf, "Analyst " + run, rules(true))).statusCode())
        .isEqualTo(403);
    assertThat(a.post(page + "/snapshots", Map.of("csrfToken", csrf)).statusCode()).isEqualTo(403);
    assertThat(a.post("/console/segments/preview", form(csrf, "", rules(true))).statusCode())
        .isEqualTo(403);

    assertThat(a.get("/console/segments").body()).doesNotContain("Analyst " + run);
    assertThat(audited(analyst)).isEmpty();
    assertThat(a.get(page).body()).contains("No snapshots yet").contains("Version 1 ·");
  }

  @Test
  void anUnknownSegmentIsANotFoundPage() {
    ConsoleHttp b = signedIn(marketer);
    assertThat(b.get("/console/segments/987654321").statusCode()).isEqualTo(404);
    assertThat(b.get("/console/segments/nope").body()).contains("Segment not found");
    assertThat(b.get("/console/segments/987654321/edit").statusCode()).isEqualTo(404);
  }
}
