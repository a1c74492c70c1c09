package io.affinity.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.Role;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The brake on wrong passwords: after max-failures wrong ones from a client, its sign-ins are
 * refused with 429 and Retry-After, the right password too; the API's keys are counted apart.
 */
@MicronautTest(transactional = false)
@Property(name = "affinity.security.failed-auth.max-failures", value = "3")
@Property(name = "affinity.security.failed-auth.period", value = "10m")
class SignInBrakeTest {
  @Inject EmbeddedServer server;
  @Inject ConsoleUsers users;

  @Test
  void tooManyWrongPasswordsStopEvenTheRightOne() {
    users.create("braked-user", "the right password", Role.ANALYST);
    ConsoleHttp b = new ConsoleHttp(server.getURI());
    for (int i = 0; i < 2; i++) {
      assertThat(b.signIn("braked-user", "wrong " + i).statusCode()).isEqualTo(401);
    }

    HttpResponse<String> third = b.signIn("braked-user", "wrong 3");
    HttpResponse<String> right = b.signIn("braked-user", "the right password");

    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(right.statusCode()).isEqualTo(429);
    assertThat(right.headers().firstValue("Retry-After")).isPresent();
    assertThat(right.body()).contains("Too many failed sign-ins");
    assertThat(b.get("/console").statusCode()).isEqualTo(303);
    // Public routes are not braked.
    assertThat(b.get("/health").statusCode()).isEqualTo(200);
  }
}
