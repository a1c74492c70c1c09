package io.affinity.campaigns.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.CampaignView;
import io.affinity.campaigns.compose.MessageComposer;
import io.affinity.campaigns.tracking.TokenSigner;
import io.affinity.campaigns.tracking.TrackingToken;
import io.affinity.core.consent.SuppressionList;
import io.micronaut.context.BeanProvider;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class GreenMailDeliveryTest extends GreenMailTestBase {
  @Inject TokenSigner signer;
  @Inject SuppressionList suppressions;

  @Inject MailConfiguration config;
  @Inject RecipientClaims claims;
  @Inject WorkerRegistry workers;
  @Inject BeanProvider<MessageComposer> composer;

  @Test
  void oneMessagePerTreatmentRecipientAndNoneToControlOrTheUnreachable() throws Exception {
    List<Audience.Person> all = new ArrayList<>(people("ok", 80, true));
    all.addAll(people("noconsent", 3, false));
    List<Audience.Person> unsubscribed = people("unsub", 3, true);
    List<Audience.Person> suppressed = people("supp", 3, true);
    all.addAll(unsubscribed);
    all.addAll(suppressed);
    all.add(new Audience.Person(run + "-noemail", null, "No Mail", true));
    List<Long> ids = audience.customers(all, 1, run);
    for (Audience.Person p : unsubscribed) {
      audience.update(
          "UPDATE customers SET email_consent = FALSE, consent_state = 'withdrawn',"
              + " consent_source = 'one-click' WHERE external_id = ?",
          p.externalId());
    }
    for (Audience.Person p : suppressed) {
      // Stored upper-case on purpose: suppression must match whatever the case.
      tx.write(c -> suppressions.suppress(c, p.email().toLowerCase(), "bounced", null, null));
      audience.update(
          "UPDATE customers SET email = ? WHERE external_id = ?",
          p.email().toUpperCase(),
          p.externalId());
    }
    long snapshot = audience.snapshot(ids);

    CampaignView created = campaigns.create(input(snapshot, 20, null));
    campaigns.launch(created.id());
    CampaignView done = awaitStatus(created.id(), "finished", 60);

    Map<String, Map<String, Object>> rows = recipients(created.id());
    Map<String, Integer> received = smtp.countsByRecipient();
    int control = 0;
    int sent = 0;
    for (Map<String, Object> row : rows.values()) {
      String email = (String) row.get("email");
      int got = email == null ? 0 : received.getOrDefault(email.toLowerCase(), 0);
      String id = (String) row.get("external_id");
      if ("control".equals(row.get("arm"))) {
        control++;
        assertThat(row.get("state")).isEqualTo("control");
        assertThat(got).as("control %s", id).isZero();
      } else if (id.contains("-ok")) {
        sent++;
        assertThat(row.get("state")).as(id).isEqualTo("sent");
        assertThat(got).as("messages to %s", id).isEqualTo(1);
        assertThat(row.get("message_id")).isNotNull();
      } else {
        assertThat(row.get("state")).as(id).isEqualTo("suppressed");
        assertThat(got).as("messages to %s", id).isZero();
        String reason = (String) row.get("error");
        if (id.contains("unsub")) {
          assertThat(reason).isEqualTo("unsubscribed");
        } else if (id.contains("noconsent")) {
          assertThat(reason).isEqualTo("no e-mail consent");
        } else if (id.contains("supp")) {
          assertThat(reason).isEqualTo("address suppressed: bounced");
        } else {
          assertThat(reason).isEqualTo("no e-mail address");
        }
      }
    }
    assertThat(rows).hasSize(all.size());
    // The control count is Binomial(90, 0.2), mean 18: P(0) = 1.9e-9 and P(> 40) = 4.0e-8, so this
    // fails by chance about once in 24 million runs (database ids, hence draws, vary on MariaDB).
    assertThat(control).isBetween(1, 40);
    assertThat(done.progress().states()).containsEntry("sent", (long) sent);
    assertThat(done.progress().states()).containsEntry("control", (long) control);
    assertThat(done.progress().recipients()).isEqualTo(all.size());
    assertThat(done.progress().ratePerSecond()).isPositive();
  }

  @Test
  void messagesAreMultipartWithUnsubscribeHeadersAndTheStoredMessageId() throws Exception {
    List<Long> ids = audience.customers(people("mime", 3, true), 1, run);
    CampaignView created = campaigns.create(input(audience.snapshot(ids), 0, null));
    campaigns.launch(created.id());
    awaitStatus(created.id(), "finished", 30);

    Map<String, Map<String, Object>> rows = recipients(created.id());
    for (Message m : smtp.mail().getReceivedMessages()) {
      InternetAddress to = (InternetAddress) m.getRecipients(Message.RecipientType.TO)[0];
      if (!to.getAddress().startsWith(run + "-mime")) {
        continue;
      }
      String externalId = to.getAddress().substring(0, to.getAddress().indexOf('@'));
      Map<String, Object> row = rows.get(externalId);
      MimeMessage mime = (MimeMessage) m;
      assertThat(mime.getMessageID()).isEqualTo(row.get("message_id"));
      assertThat(to.getPersonal())
          .isEqualTo("Name mime" + externalId.substring(externalId.length() - 1));
      assertThat(((InternetAddress) mime.getFrom()[0]).getPersonal()).isEqualTo("The Shop");
      // The one-click unsubscribe link is signed and names this campaign and this recipient.
      String unsubscribe = mime.getHeader("List-Unsubscribe")[0];
      assertThat(unsubscribe).startsWith("<http://localhost:8080/t/u/").endsWith(">");
      String token =
          unsubscribe.substring(unsubscribe.lastIndexOf('/') + 1, unsubscribe.length() - 1);
      TrackingToken named = signer.verify(token).orElseThrow();
      assertThat(named.purpose()).isEqualTo(TrackingToken.Purpose.UNSUBSCRIBE);
      assertThat(named.campaignId()).isEqualTo(created.id());
      assertThat(named.recipientId()).isEqualTo(((Number) row.get("id")).longValue());
      assertThat(mime.getHeader("List-Unsubscribe-Post")[0])
          .isEqualTo("List-Unsubscribe=One-Click");
      assertThat(mime.getContentType()).startsWith("multipart/alternative");
      MimeMultipart parts = (MimeMultipart) mime.getContent();
      assertThat(parts.getCount()).isEqualTo(2);
      assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
      assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
      assertThat((String) parts.getBodyPart(1).getContent()).contains("customer " + externalId);
    }
    assertThat(smtp.countsByRecipient().keySet().stream().filter(a -> a.startsWith(run)))
        .hasSize(3);
  }

  @Test
  void aSubjectOrNameWithALineBreakCannotAddAHeader() throws Exception {
    String evil = "x-" + run + "@evil.example";
    List<Audience.Person> people =
        List.of(
            new Audience.Person(
                run + "-eve", run + "-eve@test.example", "Eve\r\nBcc: " + evil, true));
    List<Long> ids = audience.customers(people, 1, run);
    CampaignView created = campaigns.create(input(audience.snapshot(ids), 0, null));
    campaigns.launch(created.id());
    awaitStatus(created.id(), "finished", 30);

    // The template puts the name into the subject and the To header: the subject's line break
    // becomes a space when it is rendered, the display name's when the header is written.
    Map<String, Object> row = recipients(created.id()).get(run + "-eve");
    assertThat(row.get("state")).isEqualTo("sent");
    Map<String, Integer> received = smtp.countsByRecipient();
    assertThat(received).doesNotContainKey(evil).containsEntry(run + "-eve@test.example", 1);
    for (jakarta.mail.internet.MimeMessage m : smtp.mail().getReceivedMessages()) {
      if (m.getAllRecipients()[0].toString().contains(run + "-eve@")) {
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(m.getSubject()).doesNotContain("\r").doesNotContain("\n").contains("Bcc");
      }
    }
  }

  @Test
  void pauseStopsSendingAndResumeSendsTheRestOnce() throws Exception {
    List<Long> ids = audience.customers(people("pause", 60, true), 1, run);
    CampaignView created =
        campaigns.create(input(audience.snapshot(ids), 0, BigDecimal.valueOf(20)));
    campaigns.launch(created.id());
    long until = System.currentTimeMillis() + 20_000;
    while (campaigns.find(created.id()).progress().states().get("sent") < 5
        && System.currentTimeMillis() < until) {
      Thread.sleep(20);
    }
    CampaignView paused = campaigns.pause(created.id());
    assertThat(paused.status()).isEqualTo("paused");
    // Messages in flight finish and the rest of their batch is released; nothing new is claimed.
    awaitStates(created.id(), s -> s.get("claimed") == 0);
    long sentAfterPause = campaigns.find(created.id()).progress().states().get("sent");
    int receivedAfterPause = countRun("pause");
    Thread.sleep(1000);
    CampaignView still = campaigns.find(created.id());
    assertThat(still.progress().states().get("sent")).isEqualTo(sentAfterPause);
    assertThat(still.progress().states().get("claimed")).isZero();
    assertThat(still.progress().states().get("pending")).isPositive();
    assertThat(countRun("pause")).isEqualTo(receivedAfterPause).isEqualTo((int) sentAfterPause);

    campaigns.resume(created.id());
    awaitStatus(created.id(), "finished", 60);
    Map<String, Integer> received = smtp.countsByRecipient();
    for (int i = 0; i < 60; i++) {
      assertThat(received.get((run + "-pause" + i + "@test.example").toLowerCase()))
          .as("messages to recipient %s", i)
          .isEqualTo(1);
    }
  }

  @Test
  void cancelWhileSendingLeavesNothingPending() throws Exception {
    List<Long> ids = audience.customers(people("cancel", 40, true), 1, run);
    CampaignView created =
        campaigns.create(input(audience.snapshot(ids), 0, BigDecimal.valueOf(20)));
    campaigns.launch(created.id());
    long until = System.currentTimeMillis() + 20_000;
    while (campaigns.find(created.id()).progress().states().get("sent") < 3
        && System.currentTimeMillis() < until) {
      Thread.sleep(20);
    }
    assertThat(campaigns.cancel(created.id()).status()).isEqualTo("cancelled");
    // The batch in flight is released, its rows cancelled.
    Map<String, Long> states =
        awaitStates(created.id(), s -> s.get("pending") + s.get("claimed") == 0);
    assertThat(states.get("pending") + states.get("claimed")).isZero();
    assertThat(states.get("sent") + states.get("cancelled")).isEqualTo(40);
    assertThat(countRun("cancel")).isEqualTo(states.get("sent").intValue());
  }

  @Test
  void twoEnginesSendingOneCampaignSendNobodyTwice() throws Exception {
    DeliveryEngine second = new DeliveryEngine(config, campaigns, claims, workers, composer);
    assertThat(second.start()).isTrue();
    try {
      int n = 400;
      List<Long> ids = audience.customers(people("two", n, true), 1, run);
      // 200 a second per engine (each engine has its own bucket for the campaign): alone, the
      // first engine needs 2 s for the 400, while the second finds the campaign at its next poll
      // (100 ms), so both surely take part; together they need about 1 s.
      CampaignView created =
          campaigns.create(input(audience.snapshot(ids), 0, BigDecimal.valueOf(200)));
      campaigns.launch(created.id());
      awaitStatus(created.id(), "finished", 60);

      Map<String, Integer> received = smtp.countsByRecipient();
      for (int i = 0; i < n; i++) {
        assertThat(received.get((run + "-two" + i + "@test.example").toLowerCase()))
            .as("messages to recipient %s", i)
            .isEqualTo(1);
      }
      assertThat(
              rows(
                  "SELECT DISTINCT claimed_by FROM campaign_recipients WHERE campaign_id = ?",
                  created.id()))
          .extracting(r -> r.get("claimed_by"))
          .as("both engines took part")
          .containsExactlyInAnyOrder(engine.workerId(), second.workerId());
    } finally {
      second.stop();
    }
  }

  /**
   * The recipient states of campaign {@code id} once {@code done} holds for them; the last ones
   * read if it does not within 10 s (the caller's assertions then fail on them).
   */
  private Map<String, Long> awaitStates(long id, Predicate<Map<String, Long>> done)
      throws InterruptedException {
    long until = System.currentTimeMillis() + 10_000;
    Map<String, Long> states = campaigns.find(id).progress().states();
    while (!done.test(states) && System.currentTimeMillis() < until) {
      Thread.sleep(20);
      states = campaigns.find(id).progress().states();
    }
    return states;
  }

  private int countRun(String tag) {
    return smtp.countsByRecipient().entrySet().stream()
        .filter(e -> e.getKey().startsWith((run + "-" + tag).toLowerCase()))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }
}
