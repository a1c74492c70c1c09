package io.affinity.campaigns.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** An SMTP reply's code is reported once: in the outcome's code, not again in its detail. */
class SmtpRepliesTest {
  @Test
  void aPermanentReplyKeepsItsTextWithoutTheCode() throws Exception {
    SMTPSendFailedException e =
        new SMTPSendFailedException(
            "DATA", 550, "550 5.1.1 no such user\n", null, null, null, null);

    SendOutcome outcome = SmtpReplies.classify(e);

    assertThat(outcome.kind()).isEqualTo(SendOutcome.Kind.PERMANENT);
    assertThat(outcome.code()).isEqualTo(550);
    assertThat(outcome.detail()).isEqualTo("5.1.1 no such user");
    assertThat(outcome.code() + " " + outcome.detail()).isEqualTo("550 5.1.1 no such user");
  }

  @Test
  void aMultiLineReplyLosesTheCodeOfEveryLine() throws Exception {
    SMTPAddressFailedException e =
        new SMTPAddressFailedException(
            new InternetAddress("x@test.example"),
            "RCPT TO:<x@test.example>",
            452,
            "452-4.2.2 The mailbox is full.\n452 4.2.2 Try again later.\n");

    SendOutcome outcome = SmtpReplies.classify(e);

    assertThat(outcome.kind()).isEqualTo(SendOutcome.Kind.TEMPORARY);
    assertThat(outcome.detail()).isEqualTo("4.2.2 The mailbox is full. 4.2.2 Try again later.");
  }

  @Test
  void aNumberInsideTheTextStays() throws Exception {
    SMTPSendFailedException e =
        new SMTPSendFailedException(
            "DATA", 554, "554 5.7.1 rejected by rule 554 of 550\n", null, null, null, null);

    assertThat(SmtpReplies.classify(e).detail()).isEqualTo("5.7.1 rejected by rule 554 of 550");
  }
}
