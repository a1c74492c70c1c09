package io.affinity.campaigns.delivery;

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

  private static String raw(MimeMessage m) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
