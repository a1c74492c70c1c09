package io.affinity.campaigns.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.compose.ComposedMessage;
import io.affinity.campaigns.tracking.TokenSigner;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With a return path configured, a campaign message goes out with its recipient row's VERP address
 * as the envelope sender (SMTP MAIL FROM, the Return-Path the receiver records), the From header
 * unchanged.
 */
class VerpEnvelopeTest {
  private final GreenMailServer smtp = new GreenMailServer();
  private final ReturnPaths paths =
      new ReturnPaths(
          "bounces@shop.example",
          new TokenSigner("a key of the tests, 32 bytes long".getBytes(StandardCharsets.UTF_8)));

  @AfterEach
  void stop() {
    smtp.close();
  }

  private MailConfiguration config() {
    MailConfiguration c = new MailConfiguration();
    c.setHost("127.0.0.1");
    c.setPort(smtp.port());
    return c;
  }

  private static ComposedMessage composed() {
    return new ComposedMessage(
        "ann@test.example", "Ann", "Hello", "<p>hi</p>", "hi", "https://shop.example/u/1");
  }

  @Test
  void theEnvelopeSenderIsTheRecipientsVerpAddress() throws Exception {
    try (SmtpConnections connections = new SmtpConnections(config(), paths)) {
      MimeMessage m =
          MimeMessages.build(
              connections.session(), "shop@shop.example", "Shop", composed(), "<1@shop.example>");

      assertThat(connections.send(m, 4711).kind()).isEqualTo(SendOutcome.Kind.ACCEPTED);
    }

    MimeMessage received = smtp.mail().getReceivedMessages()[0];
    String returnPath = received.getHeader("Return-Path")[0];
    assertThat(returnPath).contains(paths.address(4711));
    assertThat(paths.recipientOf(ReturnPaths.tokenIn(returnPath))).hasValue(4711);
    assertThat(received.getFrom()[0].toString()).isEqualTo("Shop <shop@shop.example>");
  }

  @Test
  void withoutAReturnPathTheEnvelopeSenderIsTheFromAddress() throws Exception {
    try (SmtpConnections connections =
        new SmtpConnections(config(), new ReturnPaths((String) null, signer()))) {
      MimeMessage m =
          MimeMessages.build(
              connections.session(), "shop@shop.example", "Shop", composed(), "<2@shop.example>");
      connections.send(m, 4712);
    }

    MimeMessage received = smtp.mail().getReceivedMessages()[0];
    assertThat(received.getHeader("Return-Path")[0]).contains("shop@shop.example");
  }

  private static TokenSigner signer() {
    return new TokenSigner("a key of the tests, 32 bytes long".getBytes(StandardCharsets.UTF_8));
  }
}
