package io.affinity.service.console.campaigns;

import static io.affinity.service.api.TestApi.INGEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.CampaignAudit;
import io.affinity.campaigns.campaign.CampaignService;
import io.affinity.campaigns.campaign.CampaignView;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.segments.Segments;
import io.affinity.campaigns.templates.TemplateInput;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.core.audit.AuditEntry;
import io.affinity.core.audit.AuditLog;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.console.ConsoleHttp;
import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.Role;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The campaigns pages' handlers over HTTP: a draft created, refused, edited and copied through the
 * form; launch and cancel only after their confirmation; a post without its CSRF token refused; an
 * analyst kept from launching but registering an external campaign and uploading its recipients.
 */
@MicronautTest(transactional = false)
class CampaignPagesTest extends ApiTestBase {
  static final String PASSWORD = "campaign pages password";
  private static final Pattern CREATED = Pattern.compile("/console/campaigns/(\\d+)");

  @Inject EmbeddedServer server;
  @Inject ConsoleUsers users;
  @Inject TemplateService templates;
  @Inject Segments segments;
  @Inject CampaignService campaigns;
  @Inject Transactions tx;
  @Inject AuditLog audit;

  String marketer;
  String analyst;
  long template;
  long segment;

  @BeforeEach
  void usersTemplateAndSegment() {
    marketer = "mark-" + run;
    analyst = "ana-" + run;
    users.create(marketer, PASSWORD, Role.MARKETER);
    users.create(analyst, PASSWORD, Role.ANALYST);
    template =
        templates
            .create(new TemplateInput("pages-" + run, "Pages " + run, "Hi", "<p>Hi</p>", null))
            .id();
    segment =
        segments
            .create(
                Map.of(
                    "name",
                    "pages " + run,
                    "rules",
                    Map.of("all", List.of(Map.of("field", "postcode", "op", "=", "value", run)))))
            .id();
  }

  ConsoleHttp signedIn(String user) {
    ConsoleHttp b = new ConsoleHttp(server.getURI());
    assertThat(b.signIn(user, PASSWORD).statusCode()).isEqualTo(303);
    return b;
  }

  Map<String, String> draftForm(String csrf, String name) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("csrfToken", csrf);
    f.put("name", name);
    f.put("audience", "segment:" + segment);
    f.put("fromAddress", "shop@shop.example");
    f.put("fromName", "Shop");
    f.put("v0Name", "A");
    f.put("v0Template", Long.toString(template));
    f.put("v0Weight", "2");
    f.put("v1Name", "B");
    f.put("v1Template", Long.toString(template));
    f.put("v1Weight", "1");
    f.put("controlPercent", "20");
    f.put("householdAssignment", "on");
    f.put("attributionDays", "10");
    f.put("topic", "offers");
    return f;
  }

  long created(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    Matcher m = CREATED.matcher(response.headers().firstValue("Location").orElseThrow());
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  long draft(ConsoleHttp b, String name) {
    String csrf = ConsoleHttp.csrf(b.get("/console/campaigns/new").body());
    return created(b.post("/console/campaigns", draftForm(csrf, name)));
  }

  List<AuditEntry> audited(long id) {
    return tx.read(c -> audit.about(c, CampaignAudit.CAMPAIGN, String.valueOf(id), null));
  }

  @Test
  void aMarketerCreatesADraftWithTwoVariantsThroughTheForm() {
    ConsoleHttp b = signedIn(marketer);
    HttpResponse<String> form = b.get("/console/campaigns/new");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body())
        .contains("<label for=\"audience\">Segment</label>")
        .contains("pages " + run)
        .contains("Pages " + run);

    long id = draft(b, "spring " + run);

    CampaignView c = campaigns.find(id);
    assertThat(c.status()).isEqualTo("draft");
    assertThat(c.segmentId()).isEqualTo(segment);
    assertThat(c.variants())
        .extracting(v -> v.name() + ":" + v.weight())
        .containsExactly("A:2", "B:1");
    assertThat(c.controlPercent()).isEqualByComparingTo("20");
    assertThat(c.householdAssignment()).isTrue();
    assertThat(c.attributionDays()).isEqualTo(10);
    assertThat(c.topic()).isEqualTo("offers");
    HttpResponse<String> page = b.get("/console/campaigns/" + id);
    assertThat(page.body()).contains("spring " + run).contains("data-status=\"draft\"");
    assertThat(b.get("/console/campaigns").body()).contains("spring " + run);
  }

  @Test
  void aRefusedFormShowsEachProblemAtItsField() {
    ConsoleHttp b = signedIn(marketer);
    String csrf = ConsoleHttp.csrf(b.get("/console/campaigns/new").body());
    Map<String, String> f = draftForm(csrf, "");
    f.put("controlPercent", "100");
    f.put("v1Name", "control");
    f.put("attributionDays", "many");

    HttpResponse<String> first = b.post("/console/campaigns", f);
    assertThat(first.statusCode()).isEqualTo(422);
    assertThat(first.body())
        .contains("id=\"attributionDays-error\">Enter a whole number.")
        .contains("aria-invalid=\"true\"");

    f.put("attributionDays", "10");
    HttpResponse<String> refused = b.post("/console/campaigns", f);

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body())
        .contains("id=\"name-error\">Is required")
        .contains("id=\"controlPercent-error\">Must be from 0 to less than 100.")
        .contains("id=\"v1Name-error\">&#39;control&#39; names the held-out group.")
        .doesNotContain("Exception");
    assertThat(campaigns.list(null, 5, 0)).extracting(CampaignView::name).doesNotContain("");
  }

  @Test
  void aDraftIsEditedAndCopiedAndBothAreAudited() {
    ConsoleHttp b = signedIn(marketer);
    long id = draft(b, "draft " + run);
    HttpResponse<String> edit = b.get("/console/campaigns/" + id + "/edit");
    assertThat(edit.body()).contains("value=\"draft " + run + "\"");

    Map<String, String> f = draftForm(ConsoleHttp.csrf(edit.body()), "edited " + run);
    f.remove("v1Template");
    f.put("scheduledAt", "2031-03-04T05:06");
    HttpResponse<String> saved = b.post("/console/campaigns/" + id + "/edit", f);

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    CampaignView c = campaigns.find(id);
    assertThat(c.name()).isEqualTo("edited " + run);
    assertThat(c.variants()).hasSize(1);
    assertThat(c.scheduledAt()).hasToString("2031-03-04T05:06:00Z");

    HttpResponse<String> copied =
        b.post(
            "/console/campaigns/" + id + "/copy",
            Map.of("csrfToken", ConsoleHttp.csrf(b.get("/console/campaigns/" + id).body())));
    long copy = created(copied);
    assertThat(copied.headers().firstValue("Location").orElseThrow()).endsWith("/edit");
    assertThat(copy).isNotEqualTo(id);
    assertThat(campaigns.find(copy).name()).isEqualTo("Copy of edited " + run);
    assertThat(audited(id))
        .extracting(e -> e.action() + " by " + e.actor())
        .containsExactly(CampaignAudit.EDIT + " by " + marketer);
    assertThat(audited(copy)).extracting(AuditEntry::actor).containsExactly(marketer);
  }

  @Test
  void launchAndCancelActOnlyAfterTheirConfirmation() {
    ConsoleHttp b = signedIn(marketer);
    long id = draft(b, "confirm " + run);
    HttpResponse<String> ask = b.get("/console/campaigns/" + id + "/actions/launch");
    assertThat(ask.statusCode()).isEqualTo(200);
    assertThat(ask.body()).contains("Launch this campaign?").contains("Yes, launch");
    String csrf = ConsoleHttp.csrf(ask.body());

    HttpResponse<String> unconfirmed =
        b.post("/console/campaigns/" + id + "/actions/launch", Map.of("csrfToken", csrf));
    assertThat(unconfirmed.statusCode()).isEqualTo(200);
    assertThat(unconfirmed.body()).contains("Yes, launch");
    assertThat(campaigns.find(id).status()).isEqualTo("draft");

    // The tests' service has no SMTP server: the confirmed launch is refused, with the reason.
    HttpResponse<String> refused =
        b.post(
            "/console/campaigns/" + id + "/actions/launch",
            Map.of("csrfToken", csrf, "confirm", "yes"));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("role=\"alert\"").contains("Sending is disabled");

    HttpResponse<String> cancelled =
        b.post(
            "/console/campaigns/" + id + "/actions/cancel",
            Map.of("csrfToken", csrf, "confirm", "yes"));
    assertThat(cancelled.statusCode()).isEqualTo(303);
    assertThat(campaigns.find(id).status()).isEqualTo("cancelled");
    assertThat(audited(id))
        .extracting(e -> e.action() + " by " + e.actor())
        .containsExactly(CampaignAudit.CANCEL + " by " + marketer);
  }

  @Test
  void aDraftIsRescheduledAndACancelledCampaignIsNot() {
    ConsoleHttp b = signedIn(marketer);
    long id = draft(b, "later " + run);
    String csrf = ConsoleHttp.csrf(b.get("/console/campaigns/" + id).body());

    HttpResponse<String> moved =
        b.post(
            "/console/campaigns/" + id + "/schedule",
            Map.of("csrfToken", csrf, "scheduledAt", "2032-07-08T09:10"));
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(303);
    assertThat(campaigns.find(id).scheduledAt()).hasToString("2032-07-08T09:10:00Z");
    HttpResponse<String> bad =
        b.post(
            "/console/campaigns/" + id + "/schedule",
            Map.of("csrfToken", csrf, "scheduledAt", "next week"));
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(bad.body()).contains("Enter the new start as a date and time");

    campaigns.cancel(id);
    HttpResponse<String> refused =
        b.post(
            "/console/campaigns/" + id + "/schedule",
            Map.of("csrfToken", csrf, "scheduledAt", "2033-01-01T00:00"));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("only a draft or a scheduled campaign can be rescheduled");
    assertThat(audited(id))
        .extracting(e -> e.action() + " by " + e.actor())
        .containsExactly(
            CampaignAudit.RESCHEDULE + " by " + marketer, CampaignAudit.CANCEL + " by system");
  }

  @Test
  void aPostWithoutItsCsrfTokenIsRefused() {
    ConsoleHttp b = signedIn(marketer);
    long id = draft(b, "csrf " + run);
    Map<String, String> f = draftForm("", "forged " + run);
    f.remove("csrfToken");

    assertThat(b.post("/console/campaigns", f).statusCode()).isEqualTo(403);
    assertThat(
            b.post("/console/campaigns/" + id + "/actions/cancel", Map.of("confirm", "yes"))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            b.post(
                    "/console/campaigns/" + id + "/actions/cancel",
                    Map.of("confirm", "yes", "csrfToken", "not-the-token"))
                .statusCode())
        .isEqualTo(403);
    assertThat(campaigns.find(id).status()).isEqualTo("draft");
    assertThat(campaigns.list(null, 20, 0))
        .extracting(CampaignView::name)
        .doesNotContain("forged " + run);
  }

  @Test
  void anAnalystReadsButCannotCreateOrLaunch() {
    long id = draft(signedIn(marketer), "analyst " + run);
    ConsoleHttp b = signedIn(analyst);

    HttpResponse<String> list = b.get("/console/campaigns");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("analyst " + run).doesNotContain("New campaign");
    HttpResponse<String> page = b.get("/console/campaigns/" + id);
    assertThat(page.body()).doesNotContain("Launch…").doesNotContain("Copy into a new draft");
    String csrf = ConsoleHttp.csrf(page.body());

    assertThat(b.get("/console/campaigns/new").statusCode()).isEqualTo(403);
    HttpResponse<String> launch =
        b.post(
            "/console/campaigns/" + id + "/actions/launch",
            Map.of("csrfToken", csrf, "confirm", "yes"));
    assertThat(launch.statusCode()).isEqualTo(403);
    assertThat(launch.body()).contains("Not allowed");
    assertThat(b.post("/console/campaigns/" + id + "/copy", Map.of("csrfToken", csrf)).statusCode())
        .isEqualTo(403);
    assertThat(campaigns.find(id).status()).isEqualTo("draft");
  }

  @Test
  void anAnalystRegistersAnExternalCampaignAndUploadsItsRecipients() throws Exception {
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 6; i++) {
      batch.append(i == 0 ? "" : ",").append("{\"id\":\"").append(run).append("-x").append(i);
      batch.append("\",\"email\":\"").append(run).append("-x").append(i).append("@test.example\"}");
    }
    assertThat(api.post("/api/customers/batch", batch + "]", INGEST).status()).isEqualTo(200);
    ConsoleHttp b = signedIn(analyst);
    String csrf = ConsoleHttp.csrf(b.get("/console/external-campaigns").body());

    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("csrfToken", csrf);
    bad.put("name", "external " + run);
    bad.put("startedAt", "yesterday");
    bad.put("attributionDays", "7");
    bad.put("variants", "mail");
    HttpResponse<String> refused = b.post("/console/external-campaigns", bad);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("id=\"startedAt-error\"");

    bad.put("startedAt", "2026-01-05T09:00");
    long id = created(b.post("/console/external-campaigns", bad));

    String wrong = "customer_id,arm\n" + run + "-x0,mail\nnobody-" + run + ",control\n";
    HttpResponse<String> rejected = upload(b, id, csrf, wrong);
    assertThat(rejected.statusCode()).isEqualTo(422);
    assertThat(rejected.body()).contains("line 3").contains("no customer with id");

    // One control recipient: too few for a revenue test, which the report must say.
    StringBuilder csv = new StringBuilder("customer_id,arm\n");
    for (int i = 0; i < 6; i++) {
      csv.append(run).append("-x").append(i).append(i < 5 ? ",mail\n" : ",control\n");
    }
    HttpResponse<String> uploaded = upload(b, id, csrf, csv.toString());
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(303);
    assertThat(b.get(uploaded.headers().firstValue("Location").orElseThrow()).body())
        .contains("Imported 6 recipients.");
    HttpResponse<String> report = b.get("/console/campaigns/" + id + "/report");
    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(report.body())
        .contains("Lift report: external " + run)
        .contains("id=\"chart-variant\"")
        .contains("data-figures=\"{&quot;title&quot;")
        .contains("Read this first")
        .contains("Fewer than two recipients in an arm: no revenue test.");
    assertThat(upload(b, id, "", csv.toString()).statusCode()).isEqualTo(403);
  }

  @Test
  void anUnknownCampaignIsANotFoundPage() {
    ConsoleHttp b = signedIn(marketer);
    assertThat(b.get("/console/campaigns/999999999").statusCode()).isEqualTo(404);
    assertThat(b.get("/console/campaigns/nothing").body()).contains("Campaign not found");
    assertThat(b.get("/console/campaigns/999999999/report").statusCode()).isEqualTo(404);
  }

  /** Posts {@code csv} as the upload form's file, with the session cookie. */
  private HttpResponse<String> upload(ConsoleHttp b, long id, String csrf, String csv)
      throws IOException, InterruptedException {
    String boundary = "----camp" + run;
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"csrfToken\"\r\n\r\n"
            + csrf
            + "\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n"
            + csv
            + "\r\n--"
            + boundary
            + "--\r\n";
    URI base = server.getURI();
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/console/external-campaigns/" + id + "/recipients"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Origin", base.toString().replaceAll("/$", ""))
            .header("Cookie", "affinity_console=" + b.session)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
