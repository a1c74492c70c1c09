package io.affinity.campaigns.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.affinity.campaigns.compose.ComposedMessage;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MimeMessagesTest {
  private final Session session = Session.getInstance(new Properties());

  private static ComposedMessage message(String toName, String subject) {
    return new ComposedMessage(
        "ann@test.example", toName, subject, "<p>hi</p>", "hi", "https://shop.example/u/1");
  }

  @Test
  void aNameWithALineBreakStaysInsideTheToHeader() throws Exception {
    MimeMessage m =
        MimeMessages.build(
            session,
            "shop@shop.example",
            "Shop\r\nBcc: y@evil.example",
            message("Ann\r\nBcc: x@evil.example", "Hello"),
            "<1@shop.example>");
    String raw = raw(m);
    String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
    assertThat(Arrays.stream(headers.split("\r\n")).filter(l -> l.startsWith("Bcc"))).isEmpty();
    assertThat(m.getHeader("Bcc")).isNull();
    assertThat(m.getAllRecipients()).hasSize(1);
    assertThat(m.getAllRecipients()[0].toString()).contains("ann@test.example");
  }

  @Test
  void aSubjectWithALineBreakIsRefused() {
    assertThatThrownBy(
            () ->
                MimeMessages.build(
                    session,
                    "shop@shop.example",
                    "Shop",
                    message("Ann", "Hello\r\nBcc: x@evil.example"),
                    "<1@shop.example>"))
        .isInstanceOf(HeaderInjectionException.class)
        .hasMessageContaining("subject");
    assertThatThrownBy(
            () ->
                MimeMessages.build(
                    session,
                    "shop@shop.example",
                    "Shop",
                    new ComposedMessage(
                        "ann@test.example\nBcc: x@evil.example", "Ann", "Hi", "", "", null),
                    "<1@shop.example>"))
        .isInstanceOf(HeaderInjectionException.class);
  }

  @Test
  void theMessageHasBothPartsAndTheOneClickHeaders() throws Exception {
    MimeMessage m =
        MimeMessages.build(
            session, "shop@shop.example", "Shop", message("Ann", "Héllo"), "<42@shop.example>");
    String raw = raw(m);
    assertThat(m.getMessageID()).isEqualTo("<42@shop.example>");
    assertThat(m.getSubject()).isEqualTo("Héllo");
    assertThat(raw).contains("List-Unsubscribe: <https://shop.example/u/1>");
    assertThat(raw).contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    assertThat(m.getContentType()).startsWith("multipart/alternative");
  }

  @Test
  void eachPartIsEncodedOnceAndReadsBackAsWritten() throws Exception {
    String longLine = "x".repeat(1200);
    String[][] cases = {
      {"<p>plain ASCII</p>\r\n<p>two lines</p>", "7bit"},
      {"<p>Grüße, Zoë: 5 € off</p>", "quoted-printable"},
      {"<p>" + longLine + "</p>", "quoted-printable"},
      {"", "7bit"}
    };
    for (String[] c : cases) {
      MimeMessage sent =
          MimeMessages.build(
              session,
              "shop@shop.example",
              "Shop",
              new ComposedMessage("ann@test.example", "Ann", "Hi", c[0], "text: " + c[0], null),
              "<7@shop.example>");
      // What a receiving client parses from the bytes on the wire.
      MimeMessage received =
          new MimeMessage(session, new java.io.ByteArrayInputStream(raw(sent).getBytes(UTF_8)));
      jakarta.mail.internet.MimeMultipart parts =
          (jakarta.mail.internet.MimeMultipart) received.getContent();
      assertThat(parts.getCount()).isEqualTo(2);
      assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
      assertThat(parts.getBodyPart(0).getContent()).isEqualTo("text: " + c[0]);
      assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
      assertThat(parts.getBodyPart(1).getHeader("Content-Transfer-Encoding")).containsExactly(c[1]);
      assertThat(parts.getBodyPart(1).getContent()).isEqualTo(c[0]);
    }
  }

  private static String raw(MimeMessage m) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
