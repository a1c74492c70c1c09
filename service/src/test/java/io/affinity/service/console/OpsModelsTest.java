package io.affinity.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.audit.AuditEntry;
import io.affinity.core.audit.AuditLog;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.recommender.model.ModelInfo;
import io.affinity.recommender.model.ModelTrainer;
import io.affinity.service.console.models.ModelsController;
import io.affinity.service.console.models.StoredEvaluation;
import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.Role;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's models page over HTTP: everyone reads the registry and the chart's data; only an
 * admin trains (the API's admin scope), with the CSRF token; the run's progress is polled until it
 * ends and reloads the page, and is audited; the stored offline evaluation's tables are shown when
 * the file exists, and its absence is said.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsModelsTest {
  static final String PASSWORD = "ops models password";
  static final Pattern POLL = Pattern.compile("hx-get=\"/console/models/jobs/(\\d+)\"");

  @Inject EmbeddedServer server;
  @Inject ConsoleUsers users;
  @Inject SyntheticShopLoader loader;
  @Inject ModelTrainer trainer;
  @Inject StoredEvaluation evaluation;
  @Inject AuditLog audit;
  @Inject TransactionOperations<Connection> tx;

  String admin;
  String marketer;
  String analyst;
  ModelInfo trained;

  @BeforeAll
  void shopModelAndUsers() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    loader.load(
        ShopSpec.of(300, 80, 12_000, 3)
            .withHistory(365, Instant.now())
            .withIdPrefix("om" + run + "-"),
        ProgressListener.NONE);
    trained = trainer.train(ProgressListener.NONE);
    admin = "ma-" + run;
    marketer = "mm-" + run;
    analyst = "mn-" + run;
    users.create(admin, PASSWORD, Role.ADMIN);
    users.create(marketer, PASSWORD, Role.MARKETER);
    users.create(analyst, PASSWORD, Role.ANALYST);
  }

  ConsoleHttp signedIn(String user) {
    ConsoleHttp b = new ConsoleHttp(server.getURI());
    assertThat(b.signIn(user, PASSWORD).statusCode()).isEqualTo(303);
    return b;
  }

  @Test
  void anAnalystReadsTheRegistryAndTheChartDataButMayNotTrain() {
    ConsoleHttp b = signedIn(analyst);

    HttpResponse<String> page = b.get("/console/models");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("<td>" + trained.version())
        .contains(
            trained.dataFrom().toEpochMilli() == 0
                ? "all events to " + Formats.date(trained.dataTo())
                : Formats.date(trained.dataFrom()) + " to " + Formats.date(trained.dataTo()))
        .contains("id=\"holdout-chart\"")
        .contains("data-series=\"[{&quot;version&quot;:")
        .contains("/assets/models.js")
        .doesNotContain("id=\"train\"");
    String token = ConsoleHttp.csrf(page.body());
    assertThat(b.post("/console/models/train", Map.of("csrfToken", token)).statusCode())
        .isEqualTo(403);
    assertThat(
            signedIn(marketer)
                .post("/console/models/train", Map.of("csrfToken", token))
                .statusCode())
        .as("the API lets only the admin scope train")
        .isEqualTo(403);
    assertThat(b.get("/assets/models.js").statusCode()).isEqualTo(200);
  }

  @Test
  void anAdminTrainsAndFollowsTheRunUntilItEnds() throws Exception {
    ConsoleHttp b = signedIn(admin);
    String token = ConsoleHttp.csrf(b.get("/console/models").body());
    assertThat(b.post("/console/models/train", Map.of()).statusCode()).isEqualTo(403);

    HttpResponse<String> started = b.post("/console/models/train", Map.of("csrfToken", token));

    assertThat(started.statusCode()).isEqualTo(303);
    String page = b.get("/console/models").body();
    Matcher poll = POLL.matcher(page);
    long job;
    if (poll.find()) {
      job = Long.parseLong(poll.group(1));
      HttpResponse<String> panel = b.get("/console/models/jobs/" + job);
      long until = System.currentTimeMillis() + 120_000;
      while (panel.headers().firstValue("HX-Refresh").isEmpty()
          && System.currentTimeMillis() < until) {
        assertThat(panel.body()).contains("hx-trigger=\"every 1s\"");
        Thread.sleep(500);
        panel = b.get("/console/models/jobs/" + job);
      }
      assertThat(panel.headers().firstValue("HX-Refresh")).hasValue("true");
      assertThat(panel.body()).doesNotContain("hx-get").contains("trained");
    } else {
      // The run was over before the page was read: it shows the result without polling.
      Matcher done = Pattern.compile("Training run (\\d+)").matcher(page);
      assertThat(done.find()).as(page).isTrue();
      job = Long.parseLong(done.group(1));
    }
    String after = b.get("/console/models").body();
    assertThat(after).contains("Training run " + job).contains("Model version ");
    assertThat(
            tx
                .executeRead(
                    s ->
                        audit.about(
                            s.getConnection(),
                            ModelsController.TRAINING_JOB,
                            Long.toString(job),
                            null))
                .stream()
                .map(AuditEntry::actor)
                .toList())
        .contains(admin);
    assertThat(b.get("/console/models/jobs/999999").body()).contains("There is no training run");
  }

  @Test
  void theStoredEvaluationsTablesAreShownAndTheirAbsenceIsSaid() throws IOException {
    Path file = evaluation.file();
    Files.deleteIfExists(file);
    ConsoleHttp b = signedIn(analyst);
    assertThat(b.get("/console/models").body()).contains("No offline evaluation is stored");

    Files.createDirectories(file.getParent());
    Files.copy(docs().resolve("evaluation-online-retail.json"), file);
    try {
      String page = b.get("/console/models").body();
      assertThat(page)
          .contains("Last offline evaluation")
          .contains("<td>affinity</td><td>all-items</td><td>10</td>")
          .contains("<td>popularity</td>")
          .contains("Ours against each other algorithm");
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static Path docs() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    return dir.resolve("docs");
  }
}
