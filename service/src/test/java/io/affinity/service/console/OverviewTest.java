package io.affinity.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.Role;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The overview with campaigns in every state: an external campaign registered but not yet given its
 * recipients (so not started) is left out of the lift results instead of failing the page.
 */
@MicronautTest(transactional = false)
class OverviewTest {
  @Inject EmbeddedServer server;
  @Inject ConsoleUsers users;
  @Inject TransactionOperations<Connection> tx;

  @Test
  void aCampaignThatHasNotStartedLeavesTheOverviewWhole() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String analyst = "analyst-" + run;
    users.create(analyst, SignInTest.PASSWORD, Role.ANALYST);
    // A finished campaign without a start time: the API never makes one, but rows written by hand
    // or by another tool can be like this (the MariaDB test database had one, and the page was a
    // 409 for everyone).
    tx.executeWrite(
        status -> {
          try (var ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "INSERT INTO campaigns (name, kind, status, variants, control_percent,"
                          + " assignment_seed, attribution_days, created_at, updated_at)"
                          + " VALUES (?, 'external', 'finished', '[]', 0, 0, 7, 1, 1)")) {
            ps.setString(1, "registered " + run);
            return ps.executeUpdate();
          }
        });

    ConsoleHttp b = new ConsoleHttp(server.getURI());
    b.get("/console/login");
    assertThat(b.signIn(analyst, SignInTest.PASSWORD).statusCode()).isEqualTo(303);
    HttpResponse<String> overview = b.get("/console");

    assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
    assertThat(overview.body()).contains("<h1>Overview</h1>").doesNotContain("registered " + run);
  }
}
