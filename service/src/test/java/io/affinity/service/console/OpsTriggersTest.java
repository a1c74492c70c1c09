package io.affinity.service.console;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.templates.TemplateService;
import io.affinity.campaigns.triggers.TriggerEvaluator;
import io.affinity.core.audit.AuditEntry;
import io.affinity.core.audit.AuditLog;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.affinity.service.console.triggers.TriggersController;
import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.Role;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's triggers pages over HTTP: a marketer creates a trigger (errors at their field
 * first), edits it, pauses and resumes it; an analyst reads but may not change; a form without its
 * CSRF token is refused; the firing log shows what the evaluation recorded; every change is
 * audited. Also the API's edit and firing log.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsTriggersTest extends ApiTestBase {
  static final String PASSWORD = "ops triggers password";
  static final Pattern LOCATION = Pattern.compile("/console/triggers/(\\d+)$");

  @Inject EmbeddedServer server;
  @Inject ConsoleUsers users;
  @Inject TemplateService templates;
  @Inject TriggerEvaluator evaluator;
  @Inject AuditLog audit;
  @Inject TransactionOperations<Connection> tx;

  String marketer;
  String analyst;
  long template;

  @BeforeAll
  void usersAndTemplate() {
    String r = UUID.randomUUID().toString().substring(0, 8);
    marketer = "tm-" + r;
    analyst = "ta-" + r;
    users.create(marketer, PASSWORD, Role.MARKETER);
    users.create(analyst, PASSWORD, Role.ANALYST);
    template = templates.idOfKey("cross-sell-offer").orElseThrow();
  }

  ConsoleHttp signedIn(String user) {
    ConsoleHttp b = new ConsoleHttp(server.getURI());
    assertThat(b.signIn(user, PASSWORD).statusCode()).isEqualTo(303);
    return b;
  }

  Map<String, String> form(ConsoleHttp b, String name, String category) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("csrfToken", ConsoleHttp.csrf(b.get("/console/triggers/new").body()));
    f.put("name", name);
    f.put("condition", "category");
    f.put("categoryPrefix", category);
    f.put("productId", "");
    f.put("delayMinutes", "0");
    f.put("templateId", Long.toString(template));
    f.put("fromAddress", "shop@shop.example");
    f.put("fromName", "The shop");
    f.put("audience", "others");
    f.put("householdCap", "1");
    f.put("householdCapDays", "30");
    f.put("customerCapDays", "30");
    f.put("cooldownHours", "0");
    f.put("holdoutPercent", "0");
    f.put("attributionDays", "14");
    f.put("topic", "");
    return f;
  }

  long created(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    Matcher m = LOCATION.matcher(response.headers().firstValue("Location").orElseThrow());
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void aMarketerCreatesATriggerAfterCorrectingTheFieldsTheFormMarked() {
    ConsoleHttp b = signedIn(marketer);
    Map<String, String> bad = form(b, "", "Garden" + run);
    bad.put("delayMinutes", "soon");
    bad.put("fromAddress", "not an address");

    HttpResponse<String> refused = b.post("/console/triggers", bad);

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body())
        .contains("id=\"delayMinutes-error\"")
        .contains("must be a whole number")
        .contains("aria-invalid=\"true\"");
    // The number is fixed; the API's own checks now mark the name and the sender.
    bad.put("delayMinutes", "0");
    HttpResponse<String> again = b.post("/console/triggers", bad);
    assertThat(again.statusCode()).isEqualTo(422);
    assertThat(again.body()).contains("id=\"name-error\"").contains("id=\"fromAddress-error\"");
    assertThat(again.body()).contains("value=\"not an address\"");

    long id = created(b.post("/console/triggers", form(b, "garden " + run, "Garden" + run)));

    HttpResponse<String> page = b.get("/console/triggers/" + id);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("garden " + run).contains("bought in Garden" + run);
    assertThat(b.get("/console/triggers").body()).contains("garden " + run);
    assertThat(actions(id)).contains(TriggersController.CREATE);
  }

  @Test
  void anEditChangesTheSettingsButNotTheWindowLengthOrHoldoutAndIsAudited() {
    ConsoleHttp b = signedIn(marketer);
    long id = created(b.post("/console/triggers", form(b, "edit " + run, "Kitchen" + run)));
    Map<String, String> edit = form(b, "edited " + run, "Kitchen" + run + "/Pans");
    edit.put("csrfToken", ConsoleHttp.csrf(b.get("/console/triggers/" + id + "/edit").body()));
    edit.put("delayMinutes", "30");
    edit.put("holdoutPercent", "50"); // not sent by the page (disabled); ignored if sent
    edit.put("householdCapDays", "7"); // not sent by the page (disabled); ignored if sent

    HttpResponse<String> saved = b.post("/console/triggers/" + id, edit);

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    Reply stored = api.get("/api/triggers/" + id, MARKETING);
    assertThat(stored.json())
        .containsEntry("name", "edited " + run)
        .containsEntry("categoryPrefix", "Kitchen" + run + "/Pans")
        .containsEntry("householdCapDays", 30);
    assertThat(stored.json()).containsEntry("delayMinutes", 30);
    assertThat(((Number) stored.json().get("holdoutPercent")).doubleValue()).isZero();
    assertThat(actions(id)).contains(TriggersController.EDIT);
    assertThat(details(id, TriggersController.EDIT))
        .anyMatch(d -> d.contains("delayMinutes: 0 -> 30"));
  }

  @Test
  void pausingNeedsAConfirmationAndResumingToo() {
    ConsoleHttp b = signedIn(marketer);
    long id = created(b.post("/console/triggers", form(b, "pause " + run, "Toys" + run)));

    HttpResponse<String> confirm = b.get("/console/triggers/" + id + "/pause");
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body()).contains("Pause the trigger").contains("Cancel");
    assertThat(api.get("/api/triggers/" + id, MARKETING).json()).containsEntry("status", "active");

    String token = ConsoleHttp.csrf(confirm.body());
    assertThat(
            b.post("/console/triggers/" + id + "/pause", Map.of("csrfToken", token)).statusCode())
        .isEqualTo(303);
    assertThat(api.get("/api/triggers/" + id, MARKETING).json()).containsEntry("status", "paused");
    assertThat(b.get("/console/triggers/" + id).body()).contains("Resume…");
    // Pausing again is a conflict, shown as a page.
    assertThat(
            b.post("/console/triggers/" + id + "/pause", Map.of("csrfToken", token)).statusCode())
        .isEqualTo(409);

    assertThat(
            b.post("/console/triggers/" + id + "/resume", Map.of("csrfToken", token)).statusCode())
        .isEqualTo(303);
    assertThat(api.get("/api/triggers/" + id, MARKETING).json()).containsEntry("status", "active");
    assertThat(actions(id)).contains(TriggersController.PAUSE, TriggersController.RESUME);
  }

  @Test
  void aFormWithoutItsCsrfTokenIsRefused() {
    ConsoleHttp b = signedIn(marketer);
    long id = created(b.post("/console/triggers", form(b, "csrf " + run, "Books" + run)));
    Map<String, String> noToken = form(b, "csrf again " + run, "Books" + run);
    noToken.remove("csrfToken");

    assertThat(b.post("/console/triggers", noToken).statusCode()).isEqualTo(403);
    assertThat(b.post("/console/triggers/" + id + "/pause", Map.of()).statusCode()).isEqualTo(403);
    assertThat(api.get("/api/triggers/" + id, MARKETING).json()).containsEntry("status", "active");
  }

  @Test
  void anAnalystReadsButMayNotChange() {
    ConsoleHttp m = signedIn(marketer);
    long id = created(m.post("/console/triggers", form(m, "read " + run, "Tea" + run)));
    ConsoleHttp a = signedIn(analyst);

    HttpResponse<String> list = a.get("/console/triggers");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("read " + run).doesNotContain("New trigger");
    HttpResponse<String> page = a.get("/console/triggers/" + id);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("/pause\"").doesNotContain("/edit\"");
    assertThat(a.get("/console/triggers/new").statusCode()).isEqualTo(403);
    String token = ConsoleHttp.csrf(page.body());
    assertThat(
            a.post("/console/triggers/" + id + "/pause", Map.of("csrfToken", token)).statusCode())
        .isEqualTo(403);
    assertThat(api.get("/api/triggers/" + id, MARKETING).json()).containsEntry("status", "active");
  }

  @Test
  void anUnknownTriggerIsAPageSayingSo() {
    HttpResponse<String> page = signedIn(analyst).get("/console/triggers/999999999");

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("There is no trigger 999999999");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theFiringLogShowsAFiringAndACappedPurchase() {
    String household = "h-" + run;
    assertThat(api.put("/api/households/" + household, "{\"name\":\"Home\"}", INGEST).status())
        .isEqualTo(200);
    for (String member : List.of("buyer", "other")) {
      Reply r =
          api.put(
              "/api/customers/" + member + "-" + run,
              "{\"email\":\""
                  + member
                  + "-"
                  + run
                  + "@test.example\",\"householdId\":\""
                  + household
                  + "\",\"emailConsent\":true,\"consentSource\":\"signup\"}",
              INGEST);
      assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    }
    String category = "Log" + run;
    assertThat(
            api.put(
                    "/api/products/p-" + run,
                    "{\"name\":\"Spade\",\"categoryPath\":\"" + category + "/Tools\",\"price\":9}",
                    INGEST)
                .status())
        .isEqualTo(200);
    ConsoleHttp b = signedIn(marketer);
    long id = created(b.post("/console/triggers", form(b, "log " + run, category)));
    for (String order : List.of("a", "b")) {
      Reply r =
          api.post(
              "/api/events",
              "{\"eventId\":\"e-"
                  + run
                  + order
                  + "\",\"type\":\"purchase\",\"customerId\":\"buyer-"
                  + run
                  + "\",\"productId\":\"p-"
                  + run
                  + "\",\"orderId\":\"o-"
                  + run
                  + order
                  + "\",\"quantity\":1,\"unitPrice\":9,\"time\":\""
                  + Instant.now()
                  + "\"}",
              INGEST);
      assertThat(r.status()).as("%s", r.body()).isLessThan(300);
    }

    evaluator.evaluateNow();

    Reply log = api.get("/api/triggers/" + id + "/firings", MARKETING);
    assertThat(log.status()).as("%s", log.body()).isEqualTo(200);
    assertThat((Map<String, Object>) log.json().get("outcomes"))
        .containsEntry("fired", 1)
        .containsEntry("capped", 1);
    HttpResponse<String> page = signedIn(analyst).get("/console/triggers/" + id);
    assertThat(page.body())
        .contains("buyer-" + run)
        .contains(">fired<")
        .contains(">capped<")
        .contains("The household had its quota in the cap window");
  }

  @Test
  void theApiEditsATriggerAndRefusesANewWindowLength() {
    Reply created =
        api.post(
            "/api/triggers",
            "{\"name\":\"api "
                + run
                + "\",\"categoryPrefix\":\"Api"
                + run
                + "\",\"templateId\":"
                + template
                + ",\"fromAddress\":\"shop@shop.example\"}",
            MARKETING);
    assertThat(created.status()).isEqualTo(201);
    Number id = (Number) created.json().get("id");

    Reply edited =
        api.put(
            "/api/triggers/" + id,
            "{\"name\":\"api edited "
                + run
                + "\",\"categoryPrefix\":\"Api"
                + run
                + "\",\"templateId\":"
                + template
                + ",\"fromAddress\":\"shop@shop.example\",\"delayMinutes\":60}",
            MARKETING);
    assertThat(edited.status()).as("%s", edited.body()).isEqualTo(200);
    assertThat(edited.json())
        .containsEntry("name", "api edited " + run)
        .containsEntry("delayMinutes", 60);

    Reply refused =
        api.put(
            "/api/triggers/" + id,
            "{\"name\":\"x\",\"categoryPrefix\":\"Api"
                + run
                + "\",\"templateId\":999999999,\"fromAddress\":\"shop@shop.example\","
                + "\"householdCapDays\":7,\"holdoutPercent\":50}",
            MARKETING);
    assertProblem(refused, 422);
    assertThat(refused.errorFields()).contains("householdCapDays", "holdoutPercent", "templateId");
    assertProblem(api.put("/api/triggers/999999999", "{}", MARKETING), 404);
    assertThat(api.get("/api/triggers/" + id + "/firings", MARKETING).json())
        .containsEntry("latest", List.of());
  }

  private List<String> actions(long trigger) {
    return entries(trigger).stream().map(AuditEntry::action).toList();
  }

  private List<String> details(long trigger, String action) {
    return entries(trigger).stream()
        .filter(e -> e.action().equals(action))
        .map(AuditEntry::detail)
        .toList();
  }

  private List<AuditEntry> entries(long trigger) {
    return tx.executeRead(
        status ->
            audit.about(
                status.getConnection(), TriggersController.TRIGGER, Long.toString(trigger), null));
  }
}
