package io.affinity.campaigns.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.CampaignView;
import io.affinity.core.consent.SuppressionList;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Replies GreenMail cannot give: a 550 is a hard bounce (the address suppressed as a keyed hash,
 * consent withdrawn in the ledger), a 421 slows down and retries.
 */
@MicronautTest(transactional = false)
class SmtpReplyTest extends DeliveryTestBase {
  @Inject SuppressionList suppressions;
  private final ScriptedSmtpServer smtp;

  SmtpReplyTest() {
    try {
      smtp =
          new ScriptedSmtpServer(
              (address, seen) -> {
                if (address.contains("-bounce")) {
                  return "550 5.1.1 no such user";
                }
                if (address.contains("-quoted")) {
                  // As Postfix words it, with the address upper-cased as some servers echo it.
                  return "550 5.1.1 <"
                      + address.toUpperCase(java.util.Locale.ROOT)
                      + ">: Recipient address rejected: User unknown in virtual mailbox table";
                }
                if (address.contains("-busy") && seen == 0) {
                  return "421 4.7.0 try again later";
                }
                return "250 OK";
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected int smtpPort() {
    return smtp.port();
  }

  @Override
  protected Map<String, String> moreProperties() {
    return Map.of("affinity.mail.pool-size", "1", "affinity.mail.rate-per-second", "200");
  }

  @AfterAll
  void stopSmtp() throws IOException {
    smtp.close();
  }

  @Test
  void a550IsAHardBounceAndTheAddressIsNeverTriedAgain() throws Exception {
    List<Audience.Person> people = people("bounce", 1, true);
    String address = people.get(0).email().toLowerCase();
    List<Long> ids = audience.customers(people, 1, run);
    CampaignView first = campaigns.create(input(audience.snapshot(ids), 0, null));
    campaigns.launch(first.id());
    awaitStatus(first.id(), "finished", 30);

    Map<String, Object> row = recipients(first.id()).get(run + "-bounce0");
    assertThat(row.get("state")).isEqualTo("bounced");
    // The code once: "550 550 5.1.1 ..." was written before.
    assertThat(row.get("error")).isEqualTo("550 5.1.1 no such user");
    assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
    // The hashed suppression list, with this campaign; the consent ledger withdraws consent.
    assertThat(
            rows(
                "SELECT reason, campaign_id FROM address_suppressions WHERE address_hash = ?",
                suppressions.hash(address)))
        .extracting(r -> r.get("reason") + " " + r.get("campaign_id"))
        .containsExactly("bounced " + first.id());
    assertThat(rows("SELECT * FROM email_suppressions WHERE email = ?", address)).isEmpty();
    long customer = ids.get(0);
    assertThat(
            rows(
                "SELECT source, granted, applied, evidence FROM consent_ledger WHERE customer_id = ?",
                customer))
        .extracting(
            r ->
                r.get("source")
                    + " "
                    + r.get("granted")
                    + " "
                    + r.get("applied")
                    + " "
                    + r.get("evidence"))
        .containsExactly("bounce false true campaign " + first.id());
    assertThat(rows("SELECT consent_state, email_consent FROM customers WHERE id = ?", customer))
        .extracting(r -> r.get("consent_state") + " " + r.get("email_consent"))
        .containsExactly("withdrawn false");

    CampaignView second = campaigns.create(input(audience.snapshot(ids), 0, null));
    campaigns.launch(second.id());
    awaitStatus(second.id(), "finished", 30);
    Map<String, Object> again = recipients(second.id()).get(run + "-bounce0");
    assertThat(again.get("state")).isEqualTo("suppressed");
    assertThat(again.get("error")).isEqualTo("bounced");
    assertThat(smtp.attempts(address)).isEqualTo(1);
    assertThat(smtp.accepted(address)).isZero();
  }

  @Test
  void aHardBounceReplyQuotingTheAddressIsSuppressedWithoutIt() throws Exception {
    List<Audience.Person> people = people("quoted", 1, true);
    String address = people.get(0).email().toLowerCase(java.util.Locale.ROOT);
    List<Long> ids = audience.customers(people, 1, run);
    CampaignView created = campaigns.create(input(audience.snapshot(ids), 0, null));
    campaigns.launch(created.id());
    awaitStatus(created.id(), "finished", 30);

    assertThat(recipients(created.id()).get(run + "-quoted0").get("state")).isEqualTo("bounced");
    List<Map<String, Object>> entry =
        rows(
            "SELECT reason, detail FROM address_suppressions WHERE address_hash = ?",
            suppressions.hash(address));
    assertThat(entry).extracting(r -> r.get("reason")).containsExactly("bounced");
    String detail = (String) entry.get(0).get("detail");
    assertThat(detail)
        .doesNotContainIgnoringCase(address)
        .doesNotContainIgnoringCase(run + "-quoted0")
        .isEqualTo(
            "550 5.1.1 <[address]>: Recipient address rejected: User unknown in virtual mailbox"
                + " table");
  }

  @Test
  void a421SlowsDownAndRetriesLater() throws Exception {
    List<Audience.Person> people = people("busy", 1, true);
    people = new java.util.ArrayList<>(people);
    people.addAll(people("calm", 5, true));
    String busy = people.get(0).email().toLowerCase();
    List<Long> ids = audience.customers(people, 1, run);
    CampaignView created = campaigns.create(input(audience.snapshot(ids), 0, null));
    campaigns.launch(created.id());

    long until = System.currentTimeMillis() + 10_000;
    while (engine.currentServerRate() >= 200 && System.currentTimeMillis() < until) {
      Thread.sleep(5);
    }
    assertThat(engine.currentServerRate()).as("rate after a 421").isLessThan(200);
    awaitStatus(created.id(), "finished", 30);

    Map<String, Object> row = recipients(created.id()).get(run + "-busy0");
    assertThat(row.get("state")).isEqualTo("sent");
    assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(2);
    assertThat(smtp.attempts(busy)).isEqualTo(2);
    assertThat(smtp.accepted(busy)).isEqualTo(1);
    for (int i = 0; i < 5; i++) {
      assertThat(smtp.accepted(run.toLowerCase() + "-calm" + i + "@test.example")).isEqualTo(1);
    }
  }
}
