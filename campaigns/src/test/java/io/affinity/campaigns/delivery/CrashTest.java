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
import java.io.IOException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A campaign to 20,000 recipients sent by a separate JVM that is killed with SIGKILL mid-send,
 * twice, then sent to the end by a third: nobody receives two messages and no Message-ID arrives
 * twice (counted at the SMTP server), each crash leaves at most one ambiguous recipient per
 * connection (the rest of the killed worker's claims go back to pending and are sent), and every
 * recipient is accounted for: sent + ambiguous + pending + failed + suppressed + control =
 * audience.
 *
 * <p>The sending processes share the test's database: MariaDB with {@code -Pmariadb}; otherwise a
 * file H2 database in {@code AUTO_SERVER} mode (this JVM opens it first and serves it over TCP to
 * the senders). The figures it prints are in {@code docs/benchmarks.md}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashTest implements TestPropertyProvider {
  private static final int RECIPIENTS = 20_000;
  private static final int CONNECTIONS = 4;
  private static final int CONTROL_PERCENT = 5;

  /** Every this many customers has withdrawn consent: suppressed at send time. */
  private static final int WITHOUT_CONSENT_EVERY = 97;

  private final SinkSmtpServer smtp;
  private final String h2Url;
  @Inject CampaignService campaigns;
  @Inject Transactions tx;
  @Inject TemplateService templates;

  CrashTest() throws IOException {
    smtp = new SinkSmtpServer();
    boolean mariadb =
        String.valueOf(System.getProperty("micronaut.environments")).contains("mariadb");
    h2Url =
        mariadb
            ? null
            : "jdbc:h2:file:"
                + Path.of("target", "crash-test-db", UUID.randomUUID().toString(), "affinity")
                    .toAbsolutePath()
                + ";AUTO_SERVER=TRUE;MODE=MySQL;DATABASE_TO_LOWER=TRUE;LOCK_TIMEOUT=10000";
  }

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new HashMap<>();
    p.put("affinity.mail.host", "127.0.0.1");
    p.put("affinity.mail.port", String.valueOf(smtp.port()));
    if (h2Url != null) {
      p.put("datasources.default.url", h2Url);
    }
    return p;
  }

  @AfterAll
  void stopSmtp() throws IOException {
    smtp.close();
  }

  @Test
  void killedTwiceASendNeverMailsAnyoneTwiceStrandsNobodyAndLeavesFewAmbiguous() throws Exception {
    long t0 = System.currentTimeMillis();
    String run = "k" + UUID.randomUUID().toString().substring(0, 8);
    Audience audience = new Audience(tx);
    List<Long> customers = audience.manyCustomers(run, RECIPIENTS);
    audience.update(
        "UPDATE customers SET email_consent = FALSE, consent_state = 'withdrawn' WHERE"
            + " external_id LIKE ? AND MOD(id, "
            + WITHOUT_CONSENT_EVERY
            + ") = 0",
        run + "-%");
    long snapshot = audience.snapshot(customers);
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
                BigDecimal.valueOf(CONTROL_PERCENT),
                false,
                7,
                null,
                null,
                1L));
    long id = campaign.id();
    campaigns.launch(id);
    long launched = System.currentTimeMillis();

    List<String> crashes = new ArrayList<>();
    List<Long> inFlight = new ArrayList<>();
    long target = 3_000;
    for (int crash = 1; crash <= 2; crash++) {
      Process p = sender();
      long sentAtKill = awaitSent(id, target, p);
      p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no clean stop
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Map<String, Long> atKill = states(id);
      long handed = handedOver(id);
      inFlight.add(handed);
      crashes.add(
          String.format(
              "crash %d: %d sent, %d handed over (become ambiguous), %d claimed but not handed"
                  + " over (back to pending)",
              crash, sentAtKill, handed, atKill.getOrDefault("claimed", 0L) - handed));
      assertThat(handed)
          .as("recipients in flight at crash %d", crash)
          .isLessThanOrEqualTo(CONNECTIONS);
      assertThat(atKill.getOrDefault("sent", 0L)).isLessThan(RECIPIENTS);
      target = sentAtKill + 5_000;
    }

    long resumed = System.currentTimeMillis();
    Process last = sender();
    try {
      long until = System.currentTimeMillis() + 120_000;
      while (!campaigns.find(id).status().equals("finished")
          && System.currentTimeMillis() < until
          && last.isAlive()) {
        Thread.sleep(250);
      }
    } finally {
      last.destroy();
      last.waitFor(30, TimeUnit.SECONDS);
    }
    long finished = System.currentTimeMillis();

    CampaignView done = campaigns.find(id);
    assertThat(done.status()).as("progress %s", done.progress()).isEqualTo("finished");
    Map<String, Long> states = done.progress().states();
    long sent = states.get("sent");
    long ambiguous = states.get("ambiguous");
    assertThat(
            sent
                + ambiguous
                + states.get("pending")
                + states.get("failed")
                + states.get("suppressed")
                + states.get("control"))
        .as("accounted for: %s", states)
        .isEqualTo(RECIPIENTS);
    assertThat(states.get("pending") + states.get("claimed")).isZero();
    assertThat(states.get("control")).isPositive();
    assertThat(states.get("suppressed")).isPositive();
    assertThat(ambiguous).isEqualTo(inFlight.get(0) + inFlight.get(1));
    assertThat(ambiguous).isLessThanOrEqualTo(2L * CONNECTIONS);

    // At the SMTP server: no recipient and no Message-ID twice; each sent row's message arrived
    // once with the Message-ID stored on the row; nothing for anyone not sent or ambiguous.
    List<SinkSmtpServer.Received> received =
        smtp.received().stream().filter(r -> r.recipient().startsWith(run)).toList();
    Map<String, Integer> perMessageId = new HashMap<>();
    Map<String, String> idByRecipient = new HashMap<>();
    for (SinkSmtpServer.Received r : received) {
      perMessageId.merge(r.messageId(), 1, Integer::sum);
      idByRecipient.put(r.recipient(), r.messageId());
    }
    assertThat(perMessageId.values()).allMatch(n -> n == 1);
    Map<String, Integer> perRecipient = smtp.countsByRecipient();
    int deliveredAmbiguous = 0;
    for (Map.Entry<String, String[]> e : rowsByEmail(id).entrySet()) {
      String state = e.getValue()[0];
      int got = perRecipient.getOrDefault(e.getKey(), 0);
      assertThat(got).as("messages to %s", e.getKey()).isLessThanOrEqualTo(1);
      if (state.equals("sent")) {
        assertThat(got).as("messages to sent %s", e.getKey()).isEqualTo(1);
        assertThat(idByRecipient.get(e.getKey())).isEqualTo(e.getValue()[1]);
      } else if (state.equals("ambiguous")) {
        deliveredAmbiguous += got;
        assertThat(e.getValue()[1]).as("stored Message-ID of %s", e.getKey()).isNotNull();
      } else {
        assertThat(got).as("messages to %s %s", state, e.getKey()).isZero();
      }
    }
    assertThat(received).hasSize((int) sent + deliveredAmbiguous);
    System.out.printf(
        "crash test (%s, %d connections): %s; then %s; %d ambiguous of which %d had been"
            + " delivered; 0 mailed twice; set-up and launch %d ms, two killed senders %d ms,"
            + " resume to finished %d ms%n",
        h2Url == null ? "MariaDB" : "H2",
        CONNECTIONS,
        String.join("; ", crashes),
        states,
        ambiguous,
        deliveredAmbiguous,
        launched - t0,
        resumed - launched,
        finished - resumed);
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
    if (h2Url != null) {
      cmd.add("-Ddatasources.default.url=" + h2Url);
    }
    cmd.add("-Daffinity.mail.host=127.0.0.1");
    cmd.add("-Daffinity.mail.port=" + smtp.port());
    cmd.add("-Daffinity.mail.pool-size=" + CONNECTIONS);
    cmd.add("-Daffinity.mail.batch-size=100");
    cmd.add("-Daffinity.mail.rate-per-second=100000");
    cmd.add("-Daffinity.mail.worker-lease=2s");
    cmd.add("-Daffinity.mail.poll-interval=200ms");
    cmd.add("-Ddatasources.default.maximum-pool-size=8");
    cmd.add(SenderProcess.class.getName());
    File log = File.createTempFile("sender-", ".log");
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
  }

  private long awaitSent(long id, long atLeast, Process p) throws InterruptedException {
    long until = System.currentTimeMillis() + 90_000;
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

  /** The claimed rows with the hand-off mark: handed to SMTP, reply not recorded. */
  private long handedOver(long id) {
    return tx.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ?"
                      + " AND state = 'claimed' AND handed_at IS NOT NULL")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /** Each recipient's state and stored Message-ID, by address. */
  private Map<String, String[]> rowsByEmail(long id) {
    return tx.read(
        c -> {
          Map<String, String[]> out = new HashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT cu.email, r.state, r.message_id FROM campaign_recipients r"
                      + " JOIN customers cu ON cu.id = r.customer_id WHERE r.campaign_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(
                    rs.getString(1).toLowerCase(), new String[] {rs.getString(2), rs.getString(3)});
              }
            }
          }
          return out;
        });
  }
}
