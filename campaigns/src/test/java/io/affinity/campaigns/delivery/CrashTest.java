package io.affinity.campaigns.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.CampaignInput;
import io.affinity.campaigns.campaign.CampaignService;
import io.affinity.campaigns.campaign.CampaignView;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.templates.TemplateService;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A campaign to 20,000 recipients sent by a separate JVM that is killed with SIGKILL mid-send and
 * started again: nobody receives two messages (counted at the SMTP server), and every recipient
 * ends sent, failed or ambiguous. Runs against MariaDB (several processes share the database); on
 * the embedded in-memory H2 there is no database a second process could share, so it is skipped.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashTest implements TestPropertyProvider {
  private static final int RECIPIENTS = 20_000;

  private final GreenMailServer smtp = new GreenMailServer();
  @Inject CampaignService campaigns;
  @Inject Transactions tx;
  @Inject TemplateService templates;

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "affinity.mail.host", "127.0.0.1", "affinity.mail.port", String.valueOf(smtp.port()));
  }

  @AfterAll
  void stopSmtp() {
    smtp.close();
  }

  @Test
  void aKilledSenderNeverSendsTwiceAndLosesNobody() throws Exception {
    Assumptions.assumeTrue(
        String.valueOf(System.getProperty("micronaut.environments")).contains("mariadb"),
        "needs a database shared between processes: run with -Pmariadb");
    long t0 = System.currentTimeMillis();
    String run = "k" + UUID.randomUUID().toString().substring(0, 8);
    Audience audience = new Audience(tx);
    long snapshot = audience.snapshot(audience.manyCustomers(run, RECIPIENTS));
    long template = TestTemplates.greeting(templates, "crash-" + run, 1);
    CampaignView campaign =
        campaigns.create(
            new CampaignInput(
                "crash " + run,
                snapshot,
                null,
                "shop@shop.example",
                "Shop",
                List.of(new CampaignInput.VariantInput("A", template, 1)),
                BigDecimal.ZERO,
                false,
                7,
                null,
                null,
                1L));
    long id = campaign.id();
    campaigns.launch(id);

    long t1 = System.currentTimeMillis();
    Process first = sender();
    long sentAtKill = awaitSent(id, 2000, first);
    first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no clean stop
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Map<String, Long> afterKill = states(id);
    assertThat(afterKill.getOrDefault("sent", 0L)).isLessThan(RECIPIENTS);

    long t2 = System.currentTimeMillis();
    Process second = sender();
    try {
      long until = System.currentTimeMillis() + 90_000;
      while (!campaigns.find(id).status().equals("finished")
          && System.currentTimeMillis() < until
          && second.isAlive()) {
        Thread.sleep(500);
      }
    } finally {
      second.destroy();
      second.waitFor(30, TimeUnit.SECONDS);
    }

    long t3 = System.currentTimeMillis();
    CampaignView done = campaigns.find(id);
    assertThat(done.status()).as("progress %s", done.progress()).isEqualTo("finished");
    Map<String, Long> states = done.progress().states();
    long sent = states.get("sent");
    long ambiguous = states.get("ambiguous");
    assertThat(sent + ambiguous + states.get("failed")).isEqualTo(RECIPIENTS);
    assertThat(states.get("pending") + states.get("claimed")).isZero();

    Map<String, Integer> received = smtp.countsByRecipient();
    Map<String, String> stateByEmail = stateByEmail(id);
    int deliveredAmbiguous = 0;
    for (Map.Entry<String, String> e : stateByEmail.entrySet()) {
      int got = received.getOrDefault(e.getKey(), 0);
      assertThat(got).as("messages to %s", e.getKey()).isLessThanOrEqualTo(1);
      if (e.getValue().equals("sent")) {
        assertThat(got).as("messages to sent %s", e.getKey()).isEqualTo(1);
      } else if (e.getValue().equals("ambiguous")) {
        deliveredAmbiguous += got;
      } else {
        assertThat(got).as("messages to %s %s", e.getValue(), e.getKey()).isZero();
      }
    }
    long total =
        received.entrySet().stream()
            .filter(e -> e.getKey().startsWith(run))
            .mapToInt(Map.Entry::getValue)
            .sum();
    assertThat(total).isEqualTo(sent + deliveredAmbiguous);
    System.out.printf(
        "crash test: %d sent when killed, then %s; %d ambiguous of which %d had been delivered;"
            + " set-up and launch %d ms, first sender %d ms, second sender %d ms%n",
        sentAtKill, states, ambiguous, deliveredAmbiguous, t1 - t0, t2 - t1, t3 - t2);
  }

  /** Starts a sending JVM on the test classpath and this test's database. */
  private Process sender() throws Exception {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(classpath);
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("affinity.test.") || key.equals("micronaut.environments")) {
        cmd.add("-D" + key + "=" + System.getProperty(key));
      }
    }
    cmd.add("-Daffinity.mail.host=127.0.0.1");
    cmd.add("-Daffinity.mail.port=" + smtp.port());
    cmd.add("-Daffinity.mail.pool-size=4");
    cmd.add("-Daffinity.mail.batch-size=50");
    cmd.add("-Daffinity.mail.rate-per-second=100000");
    cmd.add("-Daffinity.mail.worker-lease=2s");
    cmd.add("-Daffinity.mail.poll-interval=200ms");
    cmd.add("-Ddatasources.default.maximum-pool-size=8");
    cmd.add(SenderProcess.class.getName());
    File log = File.createTempFile("sender-", ".log");
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
  }

  private long awaitSent(long id, long atLeast, Process p) throws InterruptedException {
    long until = System.currentTimeMillis() + 60_000;
    long sent = 0;
    while (System.currentTimeMillis() < until && p.isAlive()) {
      sent = states(id).getOrDefault("sent", 0L);
      if (sent >= atLeast) {
        return sent;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "the sender did not get going: " + sent + " sent, alive " + p.isAlive());
  }

  private Map<String, Long> states(long id) {
    return tx.read(
        c -> {
          Map<String, Long> out = new HashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT state, COUNT(*) FROM campaign_recipients WHERE campaign_id = ?"
                      + " GROUP BY state")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
              }
            }
          }
          return out;
        });
  }

  private Map<String, String> stateByEmail(long id) {
    return tx.read(
        c -> {
          Map<String, String> out = new HashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT cu.email, r.state FROM campaign_recipients r"
                      + " JOIN customers cu ON cu.id = r.customer_id WHERE r.campaign_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(rs.getString(1).toLowerCase(), rs.getString(2));
              }
            }
          }
          return out;
        });
  }
}
