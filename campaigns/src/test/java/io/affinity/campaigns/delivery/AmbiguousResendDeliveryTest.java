package io.affinity.campaigns.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.AmbiguousRecipients;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator's resend of ambiguous recipients of a finished campaign: the campaign runs again,
 * sends them with the Message-ID stored at their first hand-off, and finishes; the one settled
 * instead is not sent.
 */
@MicronautTest(transactional = false)
class AmbiguousResendDeliveryTest extends GreenMailTestBase {
  @Inject AmbiguousRecipients ambiguous;

  private List<MimeMessage> mine() throws Exception {
    List<MimeMessage> out = new java.util.ArrayList<>();
    for (MimeMessage m : smtp.mail().getReceivedMessages()) {
      var to = (jakarta.mail.internet.InternetAddress) m.getRecipients(Message.RecipientType.TO)[0];
      if (to.getAddress().startsWith(run + "-again")) {
        out.add(m);
      }
    }
    return out;
  }

  @Test
  void aResentRecipientGetsItsMessageWithTheStoredMessageId() throws Exception {
    List<Long> ids = audience.customers(people("again", 2, true), 1, run);
    long id = campaigns.create(input(audience.snapshot(ids), 0, null)).id();
    campaigns.launch(id);
    awaitStatus(id, "finished", 30);
    // Only this run's messages: on a shared database (MariaDB) the engine may also send what other
    // test classes left running.
    assertThat(mine()).hasSize(2);
    // As a crash leaves them: both handed over, replies never recorded.
    audience.update(
        "UPDATE campaign_recipients SET state = 'ambiguous', message_id = CONCAT('<first-', id,"
            + " '@shop.example>') WHERE campaign_id = ?",
        id);
    Map<String, Map<String, Object>> rows = recipients(id);
    long resent = ((Number) rows.get(run + "-again0").get("id")).longValue();
    long settled = ((Number) rows.get(run + "-again1").get("id")).longValue();

    assertThat(ambiguous.settle(id, List.of(settled), "operator").recipients()).isEqualTo(1);
    assertThat(ambiguous.resend(id, null, "operator").status()).isEqualTo("running");
    awaitStatus(id, "finished", 30);

    List<String> messageIds = new java.util.ArrayList<>();
    for (MimeMessage m : mine()) {
      messageIds.add(m.getMessageID());
    }
    assertThat(messageIds).hasSize(3).contains("<first-" + resent + "@shop.example>");
    assertThat(messageIds).doesNotContain("<first-" + settled + "@shop.example>");
    assertThat(smtp.countsByRecipient())
        .containsEntry(rows.get(run + "-again0").get("email").toString().toLowerCase(), 2)
        .containsEntry(rows.get(run + "-again1").get("email").toString().toLowerCase(), 1);
    rows = recipients(id);
    assertThat(rows.get(run + "-again0"))
        .containsEntry("state", "sent")
        .containsEntry("message_id", "<first-" + resent + "@shop.example>")
        .containsEntry("resolution", "resend");
    assertThat(rows.get(run + "-again1"))
        .containsEntry("state", "sent")
        .containsEntry("resolution", "settled");
  }
}
