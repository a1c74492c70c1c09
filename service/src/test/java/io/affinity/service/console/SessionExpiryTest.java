package io.affinity.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.Role;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A console session left idle longer than the configured idle time is over: its pages send the
 * browser to the sign-in form and its forms are refused, even with the token it was given.
 */
@MicronautTest(transactional = false)
@Property(name = "affinity.console.idle-timeout", value = "1s")
class SessionExpiryTest {
  static final String PASSWORD = "correct horse battery";

  @Inject EmbeddedServer server;
  @Inject ConsoleUsers users;

  @Test
  void anIdleSessionExpiresAndItsPagesAndFormsAreRefused() throws InterruptedException {
    String marketer = "idle-" + UUID.randomUUID().toString().substring(0, 8);
    users.create(marketer, PASSWORD, Role.MARKETER);
    ConsoleHttp b = new ConsoleHttp(server.getURI());
    b.signIn(marketer, PASSWORD);
    HttpResponse<String> overview = b.get("/console");
    assertThat(overview.statusCode()).isEqualTo(200);
    String token = ConsoleHttp.csrf(overview.body());

    Thread.sleep(1_600);

    HttpResponse<String> page = b.get("/console/customers");
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location")).hasValue("/console/login");
    // A form of the expired session, with the token it was given, is refused as well.
    HttpResponse<String> form =
        b.post("/console/segments/preview", Map.of("csrfToken", token, "rules", "{\"all\":[]}"));
    assertThat(form.statusCode()).isIn(303, 403);
    assertThat(b.get("/console").statusCode()).as("still signed out").isEqualTo(303);
  }
}
