package io.affinity.service.console.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.templates.TemplateInput;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.core.audit.AuditLog;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.recommender.model.ModelTrainer;
import io.affinity.service.console.ConsoleHttp;
import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.Role;
import io.affinity.service.demo.DemoSample;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
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
 * The templates pages over plain HTTP: the list, a version saved through the editor form, the live
 * preview of unsaved sources for a customer (their recommendations rendered, the HTML in a frame of
 * its own with a policy of its own), problems at their line, the test send's failure in words, and
 * what is refused: a form without its CSRF token, an analyst's save, someone else's preview.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplatesConsoleTest {
  static final String PASSWORD = "templates test password";
  static final String RECS =
      "<h1>Hello ${customer.firstName!\"there\"}</h1>\n"
          + "<#list recommendations as r>\n"
          + "<p class=\"rec\">REC:${r.id} ${r.name!\"\"}</p>\n"
          + "</#list>\n";
  private static final Pattern FRAME =
      Pattern.compile("src=\"(/console/templates/previews/[^\"]+)\"");

  @Inject EmbeddedServer server;
  @Inject ConsoleUsers users;
  @Inject TemplateService templates;
  @Inject AuditLog audit;
  @Inject TransactionOperations<Connection> tx;
  @Inject SyntheticShopLoader loader;
  @Inject ModelTrainer trainer;
  @Inject DemoSample sample;

  String run;
  String marketer;
  String analyst;
  String customerId;

  @BeforeAll
  void shopAndUsers() {
    run = UUID.randomUUID().toString().substring(0, 6);
    loader.load(
        ShopSpec.of(300, 80, 12_000, 3).withIdPrefix("tc" + run + "-"), ProgressListener.NONE);
    trainer.train(ProgressListener.NONE);
    customerId = sample.customer().orElseThrow();
    marketer = "marketer-" + run;
    analyst = "analyst-" + run;
    users.create(marketer, PASSWORD, Role.MARKETER);
    users.create(analyst, PASSWORD, Role.ANALYST);
  }

  ConsoleHttp signedIn(String user) {
    ConsoleHttp b = new ConsoleHttp(server.getURI());
    assertThat(b.signIn(user, PASSWORD).statusCode()).isEqualTo(303);
    return b;
  }

  long template(String name) {
    return templates
        .create(
            new TemplateInput(
                "tc-" + run + "-" + name, "Template " + name + " " + run, "Hi", "<p>v1</p>", null))
        .id();
  }

  Map<String, String> form(String csrf, String html) {
    Map<String, String> f = new LinkedHashMap<>();
    if (csrf != null) {
      f.put("csrfToken", csrf);
    }
    f.put("name", "Renamed " + run);
    f.put("subject", "Picks for ${customer.firstName!\"you\"}");
    f.put("html", html);
    f.put("text", "");
    f.put("customerId", customerId);
    return f;
  }

  @Test
  void aVersionSavedThroughTheFormIsTheLatest() {
    long id = template("save");
    ConsoleHttp b = signedIn(marketer);
    HttpResponse<String> editor = b.get("/console/templates/" + id);
    assertThat(editor.statusCode()).isEqualTo(200);
    assertThat(editor.body()).contains("Save as version 2").contains("&lt;p&gt;v1&lt;/p&gt;");

    HttpResponse<String> saved =
        b.post(
            "/console/templates/" + id + "/versions", form(ConsoleHttp.csrf(editor.body()), RECS));

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    assertThat(saved.headers().firstValue("Location"))
        .hasValue("/console/templates/" + id + "?saved=2&customer=" + customerId);
    assertThat(templates.get(id).currentVersion()).isEqualTo(2);
    assertThat(templates.get(id).current().html()).isEqualTo(RECS);
    assertThat(templates.get(id).name()).isEqualTo("Renamed " + run);
    HttpResponse<String> after = b.get("/console/templates/" + id + "?saved=2");
    assertThat(after.body()).contains("Saved as version 2.").contains("Save as version 3");
    HttpResponse<String> list = b.get("/console/templates");
    assertThat(list.body()).contains("Renamed " + run).contains("tc-" + run + "-save");
    assertThat(audited(id))
        .containsExactly(marketer + " template-version version 2: Renamed " + run);
  }

  @Test
  void aNewTemplateIsCreatedThroughTheForm() {
    ConsoleHttp b = signedIn(marketer);
    HttpResponse<String> blank = b.get("/console/templates/new");
    assertThat(blank.statusCode()).isEqualTo(200);
    Map<String, String> f = form(ConsoleHttp.csrf(blank.body()), RECS);
    f.put("key", "tc-" + run + "-new");

    HttpResponse<String> created = b.post("/console/templates", f);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
    long id = templates.idOfKey("tc-" + run + "-new").orElseThrow();
    assertThat(created.headers().firstValue("Location"))
        .hasValue("/console/templates/" + id + "?saved=1&customer=" + customerId);
    assertThat(audited(id)).hasSize(1).allMatch(l -> l.startsWith(marketer + " template-create "));
  }

  /** The audit log's lines about template {@code id}: "actor action detail", oldest first. */
  private List<String> audited(long id) {
    return tx.executeRead(
        status ->
            audit.about(status.getConnection(), "template", String.valueOf(id), null).stream()
                .map(e -> e.actor() + " " + e.action() + " " + e.detail())
                .toList());
  }

  @Test
  void thePreviewRendersTheCustomersRecommendationsInAFrameOfItsOwn() {
    ConsoleHttp b = signedIn(marketer);
    String csrf = ConsoleHttp.csrf(b.get("/console/templates/new").body());

    HttpResponse<String> preview = b.post("/console/templates/preview", form(csrf, RECS));

    assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
    assertThat(preview.body()).contains("Picks for ").contains("<iframe").contains("sandbox");
    assertThat(preview.body()).as("the text part, made from the HTML").contains("REC:");
    Matcher m = FRAME.matcher(preview.body());
    assertThat(m.find()).as(preview.body()).isTrue();
    HttpResponse<String> frame = b.get(m.group(1));
    assertThat(frame.statusCode()).isEqualTo(200);
    assertThat(frame.body()).contains("<p class=\"rec\">REC:");
    assertThat(frame.headers().firstValue("Content-Security-Policy").orElseThrow())
        .startsWith("sandbox;")
        .contains("default-src 'none'")
        .contains("frame-ancestors 'self'")
        .doesNotContain("script-src");
    // Someone else cannot read it.
    assertThat(signedIn(analyst).get(m.group(1)).statusCode()).isEqualTo(404);
  }

  @Test
  void aSyntaxErrorIsShownAtItsLineAndRefusedOnSave() {
    long id = template("syntax");
    ConsoleHttp b = signedIn(marketer);
    String csrf = ConsoleHttp.csrf(b.get("/console/templates/" + id).body());
    String broken = "<p>one</p>\n<p>two</p>\n<p>${customer.name</p>\n<p>four</p>\n";

    HttpResponse<String> preview = b.post("/console/templates/preview", form(csrf, broken));

    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.body())
        .contains("role=\"alert\"")
        .contains("HTML, line 3")
        .contains("data-problem-line=\"3\"")
        .contains("Go to line 3")
        .containsPattern(
            "<span class=\"marked\"><span class=\"ln\">3</span>&lt;p&gt;\\$\\{customer.name");
    HttpResponse<String> saved =
        b.post("/console/templates/" + id + "/versions", form(csrf, broken));
    assertThat(saved.statusCode()).isEqualTo(422);
    assertThat(saved.body()).contains("Not saved").contains("HTML, line 3");
    assertThat(saved.body()).as("what was written is kept").contains("&lt;p&gt;four&lt;/p&gt;");
    assertThat(templates.get(id).currentVersion()).isEqualTo(1);
  }

  @Test
  void aValueMissingForTheCustomerIsShownAtItsLine() {
    ConsoleHttp b = signedIn(marketer);
    String csrf = ConsoleHttp.csrf(b.get("/console/templates/new").body());

    HttpResponse<String> preview =
        b.post("/console/templates/preview", form(csrf, "<p>one</p>\n<p>${customer.nickname}</p>"));

    assertThat(preview.body())
        .contains("HTML, line 2, column")
        .contains("customer.nickname")
        .contains("data-problem-line=\"2\"");
  }

  @Test
  void aBlankTemplateAsksForItsSourcesInsteadOfShowingAnError() {
    ConsoleHttp b = signedIn(marketer);
    String csrf = ConsoleHttp.csrf(b.get("/console/templates/new").body());
    Map<String, String> f = form(csrf, "");
    f.put("subject", "");

    HttpResponse<String> preview = b.post("/console/templates/preview", f);

    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.body())
        .contains("Write a subject and the HTML to see the preview.")
        .doesNotContain("role=\"alert\"");
  }

  @Test
  void anUnknownCustomerIsSaidInWords() {
    ConsoleHttp b = signedIn(marketer);
    String csrf = ConsoleHttp.csrf(b.get("/console/templates/new").body());
    Map<String, String> f = form(csrf, RECS);
    f.put("customerId", "nobody-" + run);

    HttpResponse<String> preview = b.post("/console/templates/preview", f);

    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.body()).contains("No customer with id “nobody-" + run + "”.");
  }

  @Test
  void aFormWithoutItsCsrfTokenIsRefusedAndNothingSaved() {
    long id = template("csrf");
    ConsoleHttp b = signedIn(marketer);
    b.get("/console/templates/" + id);

    HttpResponse<String> saved = b.post("/console/templates/" + id + "/versions", form(null, RECS));
    HttpResponse<String> preview = b.post("/console/templates/preview", form(null, RECS));
    HttpResponse<String> foreign =
        b.post("/console/templates/" + id + "/versions", form("forged.token", RECS));

    assertThat(saved.statusCode()).isEqualTo(403);
    assertThat(saved.body()).contains("Not allowed");
    assertThat(preview.statusCode()).isEqualTo(403);
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(templates.get(id).currentVersion()).isEqualTo(1);
  }

  @Test
  void anAnalystReadsAndPreviewsButCannotSaveOrSend() {
    long id = template("analyst");
    ConsoleHttp b = signedIn(analyst);
    HttpResponse<String> editor = b.get("/console/templates/" + id);
    assertThat(editor.statusCode()).isEqualTo(200);
    assertThat(editor.body()).doesNotContain("Save as version").doesNotContain("Send test");
    assertThat(editor.body()).contains("readonly");
    String csrf = ConsoleHttp.csrf(editor.body());
    assertThat(b.post("/console/templates/preview", form(csrf, RECS)).body()).contains("<iframe");

    HttpResponse<String> saved = b.post("/console/templates/" + id + "/versions", form(csrf, RECS));
    Map<String, String> send = form(csrf, RECS);
    send.put("to", "qa@shop.example");
    HttpResponse<String> sent = b.post("/console/templates/" + id + "/test-sends", send);

    assertThat(saved.statusCode()).isEqualTo(403);
    assertThat(sent.statusCode()).isEqualTo(403);
    assertThat(b.get("/console/templates/new").statusCode()).isEqualTo(403);
    assertThat(templates.get(id).currentVersion()).isEqualTo(1);
  }

  @Test
  void aTestSendThatCannotGoSaysWhy() {
    long id = template("send");
    ConsoleHttp b = signedIn(marketer);
    String csrf = ConsoleHttp.csrf(b.get("/console/templates/" + id).body());
    Map<String, String> f = form(csrf, RECS);
    f.put("to", "not an address");
    f.put("version", "1");

    HttpResponse<String> sent = b.post("/console/templates/" + id + "/test-sends", f);

    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(sent.body()).contains("class=\"error\"").contains("Not sent: send to must be");
  }

  @Test
  void anUnknownTemplateIsA404Page() {
    ConsoleHttp b = signedIn(analyst);

    assertThat(b.get("/console/templates/999999999").statusCode()).isEqualTo(404);
    assertThat(b.get("/console/templates/abc").body()).contains("Template not found");
  }
}
