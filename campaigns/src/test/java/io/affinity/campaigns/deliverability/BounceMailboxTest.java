package io.affinity.campaigns.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.delivery.GreenMailServer;
import io.affinity.campaigns.delivery.ReturnPaths;
import io.affinity.core.consent.SuppressionList;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bounce mailbox end to end: DSNs and ARF reports placed in GreenMail's IMAP mailbox are read,
 * recorded into suppressions, consent withdrawals and recipient states, and deleted or moved; a
 * message that is no report stays.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BounceMailboxTest implements TestPropertyProvider {
  private static final String MAILBOX = "bounces@shop.example";
  private final int imapPort = GreenMailServer.freePort();
  private final GreenMail greenMail =
      new GreenMail(new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));

  @Inject MailboxPoller poller;
  @Inject DeliverabilityRecorder recorder;
  @Inject ReturnPaths returnPaths;
  @Inject SuppressionList suppressions;
  @Inject Transactions tx;

  private GreenMailUser user;
  private SentRecipients fixture;
  private String run;

  @Override
  public Map<String, String> getProperties() {
    greenMail.start();
    return Map.of(
        "affinity.mail.return-path", MAILBOX,
        "affinity.deliverability.mailbox.host", "127.0.0.1",
        "affinity.deliverability.mailbox.port", String.valueOf(imapPort),
        "affinity.deliverability.mailbox.username", "bounces",
        "affinity.deliverability.mailbox.password", "secret",
        "affinity.deliverability.mailbox.timeout", "5s");
  }

  @AfterAll
  void stopMail() {
    greenMail.stop();
  }

  @BeforeEach
  void newRun() throws Exception {
    greenMail.purgeEmailFromAllMailboxes();
    user = greenMail.setUser(MAILBOX, "bounces", "secret");
    fixture = new SentRecipients(tx);
    run = "m" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aDsnAndAnArfReportAreRecordedAndDeletedAndOtherMailStays() throws Exception {
    List<SentRecipients.Sent> sent =
        fixture.campaign(run, List.of(run + "-hard@test.example", run + "-spam@test.example"));
    SentRecipients.Sent bounced = sent.get(0);
    SentRecipients.Sent complained = sent.get(1);
    user.deliver(dsn(returnPaths.address(bounced.recipientId()), bounced, "5.1.1"));
    user.deliver(arf(complained));
    user.deliver(
        message("Subject: Out of office\r\nTo: " + MAILBOX + "\r\n\r\nBack on Monday.\r\n"));

    PollResult result = poller.pollOnce();

    assertThat(result.read()).isEqualTo(3);
    assertThat(result.processed()).isEqualTo(2);
    assertThat(result.left()).isEqualTo(1);
    assertThat(result.reports())
        .extracting(ReportResult::matchedBy)
        .containsExactlyInAnyOrder("verp", "message-id");
    assertThat(reason(bounced.email())).isEqualTo(SuppressionList.BOUNCED);
    assertThat(reason(complained.email())).isEqualTo(SuppressionList.COMPLAINED);
    String[] hard = fixture.recipient(bounced.recipientId());
    assertThat(hard[0]).isEqualTo("bounced");
    assertThat(hard[1])
        .isEqualTo("hard bounce (dsn): 550 5.1.1 <[address]>: Recipient address rejected");
    assertThat(fixture.recipient(complained.recipientId())[0]).isEqualTo("complained");
    assertThat(fixture.consent(bounced.customerId()))
        .containsExactly("false", "withdrawn", "bounce");
    assertThat(fixture.consent(complained.customerId()))
        .containsExactly("false", "withdrawn", "complaint");
    assertThat(subjects("INBOX")).containsExactly("Out of office");
  }

  @Test
  void theSameDsnReadTwiceChangesNothingTheSecondTime() throws Exception {
    SentRecipients.Sent s = fixture.campaign(run, List.of(run + "-twice@test.example")).get(0);
    MimeMessage dsn = dsn(returnPaths.address(s.recipientId()), s, "5.1.1");
    user.deliver(dsn);
    poller.pollOnce();
    user.deliver(dsn);

    PollResult again = poller.pollOnce();

    assertThat(again.processed()).isEqualTo(1);
    assertThat(again.reports()).singleElement().extracting(ReportResult::duplicate).isEqualTo(true);
    assertThat(subjects("INBOX")).isEmpty();
  }

  @Test
  void processedReportsCanBeMovedToAFolderInstead() throws Exception {
    SentRecipients.Sent s = fixture.campaign(run, List.of(run + "-moved@test.example")).get(0);
    user.deliver(dsn(returnPaths.address(s.recipientId()), s, "4.2.2"));
    user.deliver(message("Subject: Hello\r\nTo: " + MAILBOX + "\r\n\r\nNot a report.\r\n"));
    MailboxConfiguration config = new MailboxConfiguration();
    config.setHost("127.0.0.1");
    config.setPort(imapPort);
    config.setUsername("bounces");
    config.setPassword("secret");
    config.setProcessed(MailboxConfiguration.MOVE);
    config.setProcessedFolder("Processed");
    config.setUnprocessedFolder("Unprocessed");

    PollResult result = new MailboxPoller(config, recorder).pollOnce();

    assertThat(result.processed()).isEqualTo(1);
    assertThat(result.reports())
        .singleElement()
        .extracting(ReportResult::kind)
        .isEqualTo("soft-bounce");
    // One soft bounce suppresses nothing and leaves the recipient as it was.
    assertThat(reason(s.email())).isNull();
    assertThat(fixture.recipient(s.recipientId())[0]).isEqualTo("sent");
    assertThat(subjects("INBOX")).isEmpty();
    assertThat(subjects("Processed")).containsExactly("Undelivered Mail Returned to Sender");
    assertThat(subjects("Unprocessed")).containsExactly("Hello");
  }

  private String reason(String email) {
    return tx.read(c -> suppressions.reason(c, email));
  }

  /** A Postfix-style DSN to {@code to} about {@code s}'s message, with its returned headers. */
  static MimeMessage dsn(String to, SentRecipients.Sent s, String status) throws Exception {
    String reply = status.startsWith("5") ? "550" : "452";
    return message(
        "From: MAILER-DAEMON@mx.test.example (Mail Delivery System)\r\n"
            + "To: "
            + to
            + "\r\nSubject: Undelivered Mail Returned to Sender\r\n"
            + "Date: Tue, 3 Mar 2026 10:00:00 +0000\r\n"
            + "Message-ID: <dsn-"
            + s.recipientId()
            + "@mx.test.example>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status;\r\n"
            + " boundary=\"B1\"\r\n\r\n"
            + "--B1\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you that your"
            + " message could not be delivered.\r\n\r\n"
            + "--B1\r\nContent-Type: message/delivery-status\r\n\r\n"
            + "Reporting-MTA: dns; mx.test.example\r\n"
            + "Arrival-Date: Tue, 3 Mar 2026 09:59:58 +0000\r\n\r\n"
            + "Final-Recipient: rfc822; "
            + s.email()
            + "\r\nAction: failed\r\nStatus: "
            + status
            + "\r\nDiagnostic-Code: smtp; "
            + reply
            + " "
            + status
            + " <"
            + s.email()
            + ">: Recipient address rejected\r\n\r\n"
            + "--B1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
            + "From: The Shop <shop@shop.example>\r\nTo: "
            + s.email()
            + "\r\nSubject: Our offers\r\nMessage-ID: "
            + s.messageId()
            + "\r\n\r\n--B1--\r\n");
  }

  /** An ARF complaint (no VERP address) quoting {@code s}'s message. */
  private static MimeMessage arf(SentRecipients.Sent s) throws Exception {
    return message(
        "From: <fbl@isp.test.example>\r\nTo: <abuse@shop.example>\r\n"
            + "Subject: FW: Our offers\r\nDate: Tue, 3 Mar 2026 11:00:00 +0000\r\n"
            + "Message-ID: <arf-"
            + s.recipientId()
            + "@isp.test.example>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=feedback-report;\r\n"
            + " boundary=\"F1\"\r\n\r\n"
            + "--F1\r\nContent-Type: text/plain\r\n\r\nThis is an email abuse report.\r\n\r\n"
            + "--F1\r\nContent-Type: message/feedback-report\r\n\r\n"
            + "Feedback-Type: abuse\r\nUser-Agent: TestFBL/1.0\r\nVersion: 1\r\n"
            + "Original-Rcpt-To: <"
            + s.email()
            + ">\r\nArrival-Date: Tue, 3 Mar 2026 10:30:00 +0000\r\n\r\n"
            + "--F1\r\nContent-Type: message/rfc822\r\n\r\n"
            + "From: The Shop <shop@shop.example>\r\nTo: "
            + s.email()
            + "\r\nSubject: Our offers\r\nMessage-ID: "
            + s.messageId()
            + "\r\n\r\nOffers!\r\n--F1--\r\n");
  }

  static MimeMessage message(String text) throws Exception {
    return new MimeMessage(
        Session.getInstance(new Properties()),
        new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
  }

  private List<String> subjects(String folderName) throws Exception {
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect("127.0.0.1", imapPort, "bounces", "secret");
    try {
      Folder folder = store.getFolder(folderName);
      if (!folder.exists()) {
        return List.of();
      }
      folder.open(Folder.READ_ONLY);
      try {
        List<String> out = new java.util.ArrayList<>();
        for (var m : folder.getMessages()) {
          out.add(m.getSubject());
        }
        return out;
      } finally {
        folder.close(false);
      }
    } finally {
      store.close();
    }
  }
}
