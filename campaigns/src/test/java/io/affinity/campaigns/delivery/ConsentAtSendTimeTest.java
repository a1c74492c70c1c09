package io.affinity.campaigns.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.CampaignView;
import io.affinity.campaigns.lift.Grouping;
import io.affinity.campaigns.lift.LiftReports;
import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.ConsentSource;
import io.affinity.core.consent.ConsentStatement;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Send-time consent through real SMTP (GreenMail): a topic left in the preference centre skips that
 * topic's campaigns only, and the frequency cap (here 2 per 7 days) holds across campaigns, with
 * the lower frequency a person chose on top.
 */
@MicronautTest(transactional = false)
class ConsentAtSendTimeTest extends GreenMailTestBase {
  @Inject ConsentLedger ledger;
  @Inject LiftReports lift;

  @Override
  protected Map<String, String> moreProperties() {
    return Map.of(
        "affinity.mail.frequency-cap.max-messages", "2",
        "affinity.mail.frequency-cap.period", "7d",
        "affinity.mail.frequency-cap.topics.digest.max-messages", "1",
        "affinity.mail.frequency-cap.topics.digest.period", "1d");
  }

  @Test
  void aTopicOptOutSkipsThatTopicOnly() throws Exception {
    List<Audience.Person> people = people("topic", 2, true);
    List<Long> ids = audience.customers(people, 1, run);
    long leaver = ids.get(0);
    ledger.record(
        List.of(
            ConsentStatement.email(
                    leaver,
                    false,
                    System.currentTimeMillis(),
                    ConsentSource.PREFERENCE_CENTRE,
                    null)
                .forTopic("offers")));
    long snapshot = audience.snapshot(ids);

    CampaignView newsletter = send(snapshot, "newsletter");
    CampaignView offers = send(snapshot, "offers");

    assertThat(newsletter.topic()).isEqualTo("newsletter");
    Map<String, Integer> received = smtp.countsByRecipient();
    assertThat(received.get(people.get(0).email().toLowerCase())).isEqualTo(1);
    assertThat(received.get(people.get(1).email().toLowerCase())).isEqualTo(2);
    Map<String, Object> left = recipients(offers.id()).get(people.get(0).externalId());
    assertThat(left.get("state")).isEqualTo("suppressed");
    assertThat(left.get("error")).isEqualTo("left the topic 'offers'");
    assertThat(recipients(newsletter.id()).get(people.get(0).externalId()).get("state"))
        .isEqualTo("sent");
    assertThat(recipients(offers.id()).get(people.get(1).externalId()).get("state"))
        .isEqualTo("sent");
  }

  @Test
  void theFrequencyCapHoldsAcrossThreeCampaignsLaunchedInARow() throws Exception {
    List<Audience.Person> regular = people("cap", 4, true);
    Audience.Person monthly = people("monthly", 1, true).get(0);
    Audience.Person unsubscribed = people("unsub", 1, true).get(0);
    List<Audience.Person> all = new ArrayList<>(regular);
    all.add(monthly);
    all.add(unsubscribed);
    long snapshot = audience.snapshot(audience.customers(all, 1, run));
    audience.update(
        "UPDATE customers SET email_frequency = 'monthly' WHERE external_id = ?",
        monthly.externalId());
    audience.update(
        "UPDATE customers SET email_consent = FALSE, consent_state = 'withdrawn',"
            + " consent_source = 'unsubscribe-link' WHERE external_id = ?",
        unsubscribed.externalId());

    List<CampaignView> sent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sent.add(send(snapshot, null));
    }

    Map<String, Integer> received = smtp.countsByRecipient();
    for (Audience.Person p : regular) {
      assertThat(received.get(p.email().toLowerCase())).as(p.externalId()).isEqualTo(2);
    }
    assertThat(received.get(monthly.email().toLowerCase())).isEqualTo(1);
    assertThat(received).doesNotContainKey(unsubscribed.email().toLowerCase());

    CampaignView third = sent.get(2);
    Map<String, Map<String, Object>> rows = recipients(third.id());
    for (Audience.Person p : regular) {
      assertThat(rows.get(p.externalId()).get("state")).isEqualTo("capped");
      assertThat(rows.get(p.externalId()).get("error"))
          .isEqualTo("frequency cap: 2 marketing e-mail(s) in the last 7 days, at most 2");
      assertThat(rows.get(p.externalId()).get("arm")).isEqualTo("A");
    }
    assertThat(rows.get(monthly.externalId()).get("state")).isEqualTo("capped");
    assertThat((String) rows.get(monthly.externalId()).get("error")).startsWith("chose monthly");
    assertThat(recipients(sent.get(1).id()).get(monthly.externalId()).get("state"))
        .isEqualTo("capped");
    // Suppressed is reported as suppressed, not capped: the cap is checked after consent.
    assertThat(rows.get(unsubscribed.externalId()).get("state")).isEqualTo("suppressed");
    assertThat(rows.get(unsubscribed.externalId()).get("error")).isEqualTo("unsubscribed");
    assertThat(third.progress().states())
        .containsEntry("capped", 5L)
        .containsEntry("sent", 0L)
        .containsEntry("suppressed", 1L);
    // Intent to treat: the lift counts every recipient of the arm, capped or not.
    assertThat(lift.report(third.id(), false, Grouping.NONE).overall().treatment().recipients())
        .isEqualTo(all.size());
  }

  @Test
  void threeCampaignsSendingAtOnceNeverGoOverTheCap() throws Exception {
    List<Audience.Person> people = people("race", 20, true);
    long snapshot = audience.snapshot(audience.customers(people, 1, run));
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(campaigns.create(input(snapshot, 0, null)).id());
    }
    for (long id : ids) {
      campaigns.launch(id);
    }
    for (long id : ids) {
      awaitStatus(id, "finished", 60);
    }

    Map<String, Integer> received = smtp.countsByRecipient();
    for (Audience.Person p : people) {
      int got = received.getOrDefault(p.email().toLowerCase(), 0);
      // Over-capping is acceptable when two campaigns claim a person at once; over-sending is not.
      assertThat(got).as(p.externalId()).isLessThanOrEqualTo(2);
      long sentRows = 0;
      for (long id : ids) {
        Object state = recipients(id).get(p.externalId()).get("state");
        assertThat(state).isIn("sent", "capped");
        sentRows += "sent".equals(state) ? 1 : 0;
      }
      assertThat(sentRows).isEqualTo(got);
    }
  }

  @Test
  void aTopicWithItsOwnCapUsesItsFigures() throws Exception {
    List<Audience.Person> people = people("digest", 2, true);
    List<Long> ids = audience.customers(people, 1, run);
    send(audience.snapshot(ids.subList(0, 1)), "newsletter");

    CampaignView digest = send(audience.snapshot(ids), "digest");

    Map<String, Map<String, Object>> rows = recipients(digest.id());
    assertThat(rows.get(people.get(0).externalId()).get("state")).isEqualTo("capped");
    assertThat(rows.get(people.get(0).externalId()).get("error"))
        .isEqualTo(
            "frequency cap: 1 marketing e-mail(s) in the last day, at most 1 for the topic"
                + " 'digest'");
    assertThat(rows.get(people.get(1).externalId()).get("state")).isEqualTo("sent");
  }

  /** Creates, launches and waits for a campaign to {@code snapshot} about {@code topic}. */
  private CampaignView send(long snapshot, String topic) throws InterruptedException {
    CampaignView created = campaigns.create(input(snapshot, 0, null).withTopic(topic));
    campaigns.launch(created.id());
    return awaitStatus(created.id(), "finished", 60);
  }
}
