package io.affinity.campaigns.deliverability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The DSN (RFC 3464) and ARF (RFC 5965) parsers on the RFCs' own examples. */
class ReportMessagesTest {
  private static MimeMessage sample(String name) throws Exception {
    try (InputStream in = ReportMessagesTest.class.getResourceAsStream("/deliverability/" + name)) {
      return new MimeMessage(Session.getInstance(new Properties()), in);
    }
  }

  @Test
  void theSimpleDsnOfRfc3464IsASoftBounceWithTheOriginalMessageId() throws Exception {
    List<DeliveryReport> reports = ReportMessages.read(sample("rfc3464-simple.eml"));

    assertThat(reports).hasSize(1);
    DeliveryReport r = reports.get(0);
    assertThat(r.kind()).isEqualTo(ReportKind.SOFT_BOUNCE);
    assertThat(r.address()).isEqualTo("louisl@larry.slip.umd.edu");
    assertThat(r.messageId()).isEqualTo("<199407021710.RAA00001@CS.UTK.EDU>");
    assertThat(r.detail()).isEqualTo("426 4.0.0 connection timed out");
    assertThat(Instant.ofEpochMilli(r.occurredAt())).isEqualTo("1994-07-07T21:15:49Z");
    assertThat(r.provider()).isEqualTo("dsn");
    assertThat(r.providerEventId()).isEqualTo("<199407072116.RAA14128@CS.UTK.EDU>");
    assertThat(r.verpToken()).isNull();
  }

  @Test
  void theMultiRecipientDsnGivesTwoHardBouncesAndSkipsTheDelayWarning() throws Exception {
    List<DeliveryReport> reports = ReportMessages.read(sample("rfc3464-multi.eml"));

    assertThat(reports).extracting(DeliveryReport::kind).containsOnly(ReportKind.HARD_BOUNCE);
    assertThat(reports)
        .extracting(DeliveryReport::address)
        .containsExactly("arathib@vnet.ibm.com", "wsnell@sdcc13.ucsd.edu");
    assertThat(reports.get(0).detail())
        .isEqualTo("550 5.0.0 'arathib@vnet.IBM.COM' is not a registered gateway user");
    assertThat(reports.get(1).detail()).isEqualTo("550 5.0.0 user unknown");
    // No date in the report: the DSN's own Date.
    assertThat(Instant.ofEpochMilli(reports.get(1).occurredAt())).isEqualTo("1994-07-08T13:21:47Z");
  }

  @Test
  void theArfExampleOfRfc5965IsAComplaintAboutTheOriginalRecipient() throws Exception {
    List<DeliveryReport> reports = ReportMessages.read(sample("rfc5965-abuse.eml"));

    assertThat(reports).hasSize(1);
    DeliveryReport r = reports.get(0);
    assertThat(r.kind()).isEqualTo(ReportKind.COMPLAINT);
    assertThat(r.address()).isEqualTo("user@example.com");
    assertThat(r.messageId()).isEqualTo("8787KJKJ3K4J3K4J3K4J3.mail@example.net");
    assertThat(r.detail()).isEqualTo("feedback-type abuse from SomeGenerator/1.0");
    assertThat(Instant.ofEpochMilli(r.occurredAt())).isEqualTo("2005-03-08T18:00:00Z");
    assertThat(r.provider()).isEqualTo("arf");
  }

  @Test
  void aFeedbackReportThatIsNoComplaintGivesNoReport() throws Exception {
    String text =
        new String(
                ReportMessagesTest.class
                    .getResourceAsStream("/deliverability/rfc5965-abuse.eml")
                    .readAllBytes(),
                StandardCharsets.US_ASCII)
            .replace("Feedback-Type: abuse", "Feedback-Type: not-spam");
    MimeMessage m =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));

    assertThat(ReportMessages.read(m)).isEmpty();
  }

  @Test
  void aMessageThatIsNoReportIsRefusedWithTheReason() throws Exception {
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    m.setText("Out of office until Monday");
    m.saveChanges();

    assertThatThrownBy(() -> ReportMessages.read(m))
        .isInstanceOf(ReportMessages.NotAReportException.class)
        .hasMessageContaining("text/plain");
  }

  @Test
  void diagnosticsGiveTheReplyCodeOnceAndNoAddresses() {
    assertThat(Diagnostics.describe("5.1.1", "smtp; 550 5.1.1 <jane@example.com>... User"))
        .isEqualTo("550 5.1.1 <jane@example.com>... User");
    assertThat(Diagnostics.describe(null, "smtp; 550 550 mailbox unavailable"))
        .isEqualTo("550 mailbox unavailable");
    assertThat(Diagnostics.describe("5.2.2", null)).isEqualTo("5.2.2");
    assertThat(Diagnostics.redact("550 5.1.1 <jane@example.com>... User", null))
        .isEqualTo("550 5.1.1 <[address]>... User");
    assertThat(
            Diagnostics.redact(
                "550 5.1.1 <\"Jane Doe\"@EXAMPLE.com>... User", "\"jane doe\"@example.com"))
        .isEqualTo("550 5.1.1 <[address]>... User");
  }
}
