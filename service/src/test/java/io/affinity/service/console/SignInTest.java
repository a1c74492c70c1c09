package io.affinity.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.audit.AuditEntry;
import io.affinity.core.audit.AuditLog;
import io.affinity.service.console.signin.SignIn;
import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.Role;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Signing in and out of the console over plain HTTP: the right password opens a session, a wrong
 * one, a form without its CSRF token, a dead session and a role that may not are all refused, and
 * the audit log records sign-ins, failures and sign-outs.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInTest {
  static final String PASSWORD = "correct horse battery";

  @Inject EmbeddedServer server;
  @Inject ConsoleUsers users;
  @Inject AuditLog audit;
  @Inject TransactionOperations<Connection> tx;

  String admin;
  String marketer;

  @BeforeAll
  void createUsers() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    admin = "admin-" + run;
    marketer = "marketer-" + run;
    users.create(admin, PASSWORD, Role.ADMIN);
    users.create(marketer, PASSWORD, Role.MARKETER);
  }

  ConsoleHttp browser() {
    return new ConsoleHttp(server.getURI());
  }

  @Test
  void theRightPasswordOpensTheOverview() {
    ConsoleHttp b = browser();
    HttpResponse<String> form = b.get("/console/login");
    String formSession = b.session;
    assertThat(form.statusCode()).isEqualTo(200);
    String cookie = form.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .containsIgnoringCase("HttpOnly")
        .contains("SameSite=Lax")
        .contains("Path=/console");

    HttpResponse<String> signedIn = b.signIn(admin, PASSWORD);

    assertThat(signedIn.statusCode()).isEqualTo(303);
    assertThat(signedIn.headers().firstValue("Location")).hasValue("/console");
    assertThat(b.session).as("a new session id after sign-in").isNotEqualTo(formSession);
    HttpResponse<String> overview = b.get("/console");
    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(overview.body()).contains("<h1>Overview</h1>").contains(admin);
    assertThat(overview.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'");
    assertThat(actions(admin)).contains(SignIn.SIGN_IN);
  }

  @Test
  void aWrongPasswordIsRefusedAndAudited() {
    ConsoleHttp b = browser();

    HttpResponse<String> refused = b.signIn(marketer, "not the password");

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("Wrong user name or password");
    assertThat(b.get("/console").statusCode()).isEqualTo(303);
    assertThat(actions(marketer)).contains(SignIn.SIGN_IN_FAILED);
  }

  @Test
  void anUnknownUserIsRefusedLikeAWrongPassword() {
    HttpResponse<String> refused = browser().signIn("nobody-" + admin, PASSWORD);

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("Wrong user name or password");
  }

  @Test
  void aSignInFormWithoutItsCsrfTokenIsRefused() {
    ConsoleHttp b = browser();
    b.get("/console/login");

    HttpResponse<String> refused =
        b.post("/console/login", Map.of("username", admin, "password", PASSWORD));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(b.get("/console").statusCode()).as("still signed out").isEqualTo(303);
  }

  @Test
  void aSignInFormWithAnotherSessionsTokenIsRefused() {
    ConsoleHttp other = browser();
    String foreign = ConsoleHttp.csrf(other.get("/console/login").body());
    ConsoleHttp b = browser();
    b.get("/console/login");

    HttpResponse<String> refused =
        b.post(
            "/console/login",
            Map.of("csrfToken", foreign, "username", admin, "password", PASSWORD));

    assertThat(refused.statusCode()).isEqualTo(403);
  }

  @Test
  void signingOutNeedsTheTokenEndsTheSessionAndIsAudited() {
    ConsoleHttp b = browser();
    b.signIn(marketer, PASSWORD);
    String token = ConsoleHttp.csrf(b.get("/console").body());

    HttpResponse<String> withoutToken = b.post("/console/logout", Map.of());
    assertThat(withoutToken.statusCode()).isEqualTo(403);
    assertThat(b.get("/console").statusCode()).as("still signed in").isEqualTo(200);

    String session = b.session;
    HttpResponse<String> out = b.post("/console/logout", Map.of("csrfToken", token));
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Location")).hasValue("/console/login");
    assertThat(actions(marketer)).contains(SignIn.SIGN_OUT);

    // The old cookie, replayed, opens nothing.
    b.session = session;
    HttpResponse<String> replay = b.get("/console");
    assertThat(replay.statusCode()).isEqualTo(303);
    assertThat(replay.headers().firstValue("Location")).hasValue("/console/login");
  }

  @Test
  void anInvalidSessionIsSentToTheSignInForm() {
    ConsoleHttp b = browser();
    b.session = "not-a-session";

    HttpResponse<String> page = b.get("/console/customers");

    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location")).hasValue("/console/login");
  }

  @Test
  void aMarketerMayNotOpenAnAdminPage() {
    ConsoleHttp b = browser();
    b.signIn(marketer, PASSWORD);

    HttpResponse<String> page = b.get("/console/settings/users");

    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("Not allowed");
    assertThat(b.get("/console").body()).doesNotContain("/console/settings/users");
  }

  @Test
  void anAdminSeesTheUsers() {
    ConsoleHttp b = browser();
    b.signIn(admin, PASSWORD);

    HttpResponse<String> page = b.get("/console/settings/users");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(admin).contains(marketer).contains("marketer");
  }

  @Test
  void theApiKeepsItsOwnKeysAndPublicRoutesStayPublic() {
    ConsoleHttp b = browser();
    b.signIn(admin, PASSWORD);

    // A console session is no API key: the API still answers 401 without one.
    assertThat(b.get("/api/customers/x").statusCode()).isEqualTo(401);
    assertThat(browser().get("/health").statusCode()).isEqualTo(200);
    assertThat(browser().get("/assets/console.css").statusCode()).isEqualTo(200);
    HttpResponse<String> htmx = browser().get(WebJars.path("htmx.org", "dist/htmx.min.js"));
    assertThat(htmx.statusCode()).isEqualTo(200);
  }

  private List<String> actions(String username) {
    return tx
        .executeRead(
            status -> audit.about(status.getConnection(), SignIn.CONSOLE_USER, username, null))
        .stream()
        .map(AuditEntry::action)
        .toList();
  }
}
