package io.affinity.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.affinity.core.audit.AuditEntry;
import io.affinity.core.audit.AuditLog;
import io.affinity.service.console.settings.ApiKeysController;
import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.Role;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's settings over HTTP: admins only (a marketer gets the 403 page, for reading and for
 * posting); the SMTP tab shows the server without its password and checks the connection against a
 * real SMTP server (GreenMail); an API key created is shown once, opens the API within its scope,
 * and once revoked (after a confirmation) is refused; forms without their CSRF token are refused;
 * creation and revocation are audited.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsSettingsTest implements TestPropertyProvider {
  static final String PASSWORD = "ops settings password";
  static final String SMTP_PASSWORD = "smtp-secret-never-shown";
  static final Pattern SECRET =
      Pattern.compile("id=\"secret\" type=\"text\" readonly value=\"([^\"]+)\"");

  private final int port = freePort();
  // Any sign-in accepted: the check must sign in, the test need not know GreenMail's user rules.
  private final GreenMail smtp =
      new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"))
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  @Inject EmbeddedServer server;
  @Inject ConsoleUsers users;
  @Inject AuditLog audit;
  @Inject TransactionOperations<Connection> tx;

  String admin;
  String marketer;
  String run;

  OpsSettingsTest() {
    smtp.start();
  }

  @Override
  public Map<String, String> getProperties() {
    // A user and a password: the check signs in; the page must not show the password.
    return Map.of(
        "affinity.mail.host",
        "127.0.0.1",
        "affinity.mail.port",
        String.valueOf(port),
        "affinity.mail.username",
        "shop-sender",
        "affinity.mail.password",
        SMTP_PASSWORD);
  }

  @BeforeAll
  void createUsers() {
    run = UUID.randomUUID().toString().substring(0, 8);
    admin = "sa-" + run;
    marketer = "sm-" + run;
    users.create(admin, PASSWORD, Role.ADMIN);
    users.create(marketer, PASSWORD, Role.MARKETER);
  }

  @AfterAll
  void stopSmtp() {
    smtp.stop();
  }

  ConsoleHttp signedIn(String user) {
    ConsoleHttp b = new ConsoleHttp(server.getURI());
    assertThat(b.signIn(user, PASSWORD).statusCode()).isEqualTo(303);
    return b;
  }

  @Test
  void aMarketerIsRefusedEverySettingsPageAndForm() {
    ConsoleHttp b = signedIn(marketer);
    String token = ConsoleHttp.csrf(b.get("/console").body());

    for (String path :
        List.of("/console/settings", "/console/settings/mail", "/console/settings/keys")) {
      HttpResponse<String> page = b.get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(403);
      assertThat(page.body()).contains("Not allowed");
    }
    HttpResponse<String> post =
        b.post(
            "/console/settings/keys",
            Map.of("csrfToken", token, "name", "m-" + run, "scope-admin", "on"));
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(signedIn(admin).get("/console/settings/keys").body()).doesNotContain("m-" + run);
    assertThat(b.get("/console").body()).doesNotContain("/console/settings");
  }

  @Test
  void theSettingsOpenOnTheMailTabWithItsSubTabs() {
    ConsoleHttp b = signedIn(admin);

    HttpResponse<String> index = b.get("/console/settings");
    assertThat(index.statusCode()).isEqualTo(303);
    assertThat(index.headers().firstValue("Location")).hasValue("/console/settings/mail");
    HttpResponse<String> mail = b.get("/console/settings/mail");
    assertThat(mail.body())
        .contains("href=\"/console/settings/keys\"")
        .contains("href=\"/console/settings/users\"")
        .contains("127.0.0.1")
        .contains(Integer.toString(port))
        .doesNotContain(SMTP_PASSWORD);
    assertThat(b.get("/console/settings/users").body())
        .contains("href=\"/console/settings/mail\"")
        .contains(admin);
  }

  @Test
  void checkingTheConnectionReportsWithoutThePassword() {
    ConsoleHttp b = signedIn(admin);
    String token = ConsoleHttp.csrf(b.get("/console/settings/mail").body());

    HttpResponse<String> checked =
        b.post("/console/settings/mail/check", Map.of("csrfToken", token));

    assertThat(checked.statusCode()).isEqualTo(200);
    assertThat(checked.body())
        .contains("Connection works.")
        .contains("Connected to 127.0.0.1:" + port + ", signed in as shop-sender")
        .doesNotContain(SMTP_PASSWORD);
    assertThat(b.post("/console/settings/mail/check", Map.of()).statusCode()).isEqualTo(403);
  }

  @Test
  void aKeyIsShownOnceOpensTheApiInItsScopeAndIsRefusedOnceRevoked() {
    ConsoleHttp b = signedIn(admin);
    String name = "shop-" + run;
    String token = ConsoleHttp.csrf(b.get("/console/settings/keys").body());
    assertThat(
            b.post("/console/settings/keys", Map.of("name", name, "scope-marketing", "on"))
                .statusCode())
        .as("no CSRF token")
        .isEqualTo(403);

    HttpResponse<String> created =
        b.post(
            "/console/settings/keys",
            Map.of("csrfToken", token, "name", name, "scope-marketing", "on"));

    assertThat(created.statusCode()).isEqualTo(201);
    Matcher m = SECRET.matcher(created.body());
    assertThat(m.find()).as(created.body()).isTrue();
    String secret = m.group(1);
    assertThat(created.body()).contains("not shown again");
    HttpResponse<String> list = b.get("/console/settings/keys");
    assertThat(list.body()).contains(name).contains("marketing").doesNotContain(secret);

    assertThat(api("/api/triggers", secret)).isEqualTo(200);
    assertThat(api("/api/models", secret)).as("admin scope needed").isEqualTo(403);

    HttpResponse<String> confirm = b.get("/console/settings/keys/" + name + "/revoke");
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body()).contains("Revoke the key").contains("Cancel");
    assertThat(api("/api/triggers", secret)).as("not yet revoked").isEqualTo(200);
    assertThat(b.post("/console/settings/keys/" + name + "/revoke", Map.of()).statusCode())
        .isEqualTo(403);

    HttpResponse<String> revoked =
        b.post(
            "/console/settings/keys/" + name + "/revoke",
            Map.of("csrfToken", ConsoleHttp.csrf(confirm.body())));

    assertThat(revoked.statusCode()).isEqualTo(303);
    assertThat(api("/api/triggers", secret)).isEqualTo(401);
    assertThat(b.get("/console/settings/keys").body()).contains("revoked");
    assertThat(
            tx
                .executeRead(
                    s -> audit.about(s.getConnection(), ApiKeysController.API_KEY, name, null))
                .stream()
                .map(AuditEntry::action)
                .toList())
        .containsExactly(ApiKeysController.CREATE, ApiKeysController.REVOKE);
  }

  @Test
  void aBadOrTakenNameOrNoScopeIsMarkedAtItsField() {
    ConsoleHttp b = signedIn(admin);
    String token = ConsoleHttp.csrf(b.get("/console/settings/keys").body());

    HttpResponse<String> bad =
        b.post("/console/settings/keys", Map.of("csrfToken", token, "name", "Bad Name!"));
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(bad.body())
        .contains("id=\"name-error\"")
        .contains("id=\"scopes-error\"")
        .contains("choose at least one scope");

    // A configured key's name (application-test.yml) is taken.
    HttpResponse<String> taken =
        b.post(
            "/console/settings/keys",
            Map.of("csrfToken", token, "name", "test-admin", "scope-ingest", "on"));
    assertThat(taken.statusCode()).isEqualTo(422);
    assertThat(taken.body()).contains("test-admin&#39; is taken");
  }

  /** The status of GET {@code path} of the API with {@code key}. */
  private int api(String path, String key) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(server.getURI().resolve(path))
                  .header("X-API-Key", key)
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
