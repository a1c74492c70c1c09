package io.affinity.campaigns.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.delivery.GreenMailServer;
import io.affinity.campaigns.delivery.ReturnPaths;
import io.affinity.core.consent.SuppressionList;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bounce mailbox read over POP3 (GreenMail's POP3 server): a DSN is recorded into a suppression
 * and deleted from the mailbox; a message that is no report stays.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "affinity.mail.return-path", value = Pop3BounceMailboxTest.MAILBOX)
class Pop3BounceMailboxTest {
  static final String MAILBOX = "bounces@shop.example";
  private final int pop3Port = GreenMailServer.freePort();
  private final GreenMail greenMail =
      new GreenMail(new ServerSetup(pop3Port, "127.0.0.1", ServerSetup.PROTOCOL_POP3));

  @Inject DeliverabilityRecorder recorder;
  @Inject ReturnPaths returnPaths;
  @Inject SuppressionList suppressions;
  @Inject Transactions tx;

  @BeforeAll
  void startMail() {
    greenMail.start();
  }

  @AfterAll
  void stopMail() {
    greenMail.stop();
  }

  @Test
  void aDsnReadOverPop3IsRecordedAndDeletedAndOtherMailStays() throws Exception {
    String run = "p" + UUID.randomUUID().toString().substring(0, 8);
    GreenMailUser user = greenMail.setUser(MAILBOX, "bounces", "secret");
    SentRecipients fixture = new SentRecipients(tx);
    SentRecipients.Sent s = fixture.campaign(run, List.of(run + "-pop@test.example")).get(0);
    user.deliver(BounceMailboxTest.dsn(returnPaths.address(s.recipientId()), s, "5.1.1"));
    user.deliver(
        BounceMailboxTest.message(
            "Subject: Out of office\r\nTo: " + MAILBOX + "\r\n\r\nBack on Monday.\r\n"));
    assertThat(subjects()).hasSize(2);
    MailboxConfiguration config = new MailboxConfiguration();
    config.setProtocol("pop3");
    config.setHost("127.0.0.1");
    config.setPort(pop3Port);
    config.setUsername("bounces");
    config.setPassword("secret");
    config.setTimeout(Duration.ofSeconds(5));

    PollResult result = new MailboxPoller(config, recorder).pollOnce();

    assertThat(result.read()).isEqualTo(2);
    assertThat(result.processed()).isEqualTo(1);
    assertThat(result.left()).isEqualTo(1);
    assertThat(result.reports())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.kind()).isEqualTo("hard-bounce");
              assertThat(r.matchedBy()).isEqualTo("verp");
            });
    String reason = tx.read(c -> suppressions.reason(c, s.email()));
    assertThat(reason).isEqualTo(SuppressionList.BOUNCED);
    assertThat(fixture.recipient(s.recipientId())[0]).isEqualTo("bounced");
    assertThat(subjects()).containsExactly("Out of office");
  }

  /** The subjects of the messages in the mailbox, read over POP3. */
  private List<String> subjects() throws Exception {
    Store store = Session.getInstance(new Properties()).getStore("pop3");
    store.connect("127.0.0.1", pop3Port, "bounces", "secret");
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        List<String> out = new ArrayList<>();
        for (Message m : inbox.getMessages()) {
          out.add(m.getSubject());
        }
        return out;
      } finally {
        inbox.close(false);
      }
    } finally {
      store.close();
    }
  }
}
