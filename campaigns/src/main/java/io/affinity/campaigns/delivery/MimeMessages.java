package io.affinity.campaigns.delivery;

import io.affinity.campaigns.compose.ComposedMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

/**
 * Builds the MIME message of one recipient: multipart/alternative (text, then HTML), From, To with
 * the display name, Subject, our own Message-ID, and the RFC 8058 one-click unsubscribe headers.
 * Every header value is checked by {@link SafeHeaders} first.
 */
public final class MimeMessages {
  private static final String UTF8 = StandardCharsets.UTF_8.name();

  private MimeMessages() {}

  /**
   * The message for {@code m}.
   *
   * @throws HeaderInjectionException if the subject, an address or the unsubscribe link carries a
   *     line break
   * @throws MessagingException if an address is not valid
   */
  public static MimeMessage build(
      Session session, String fromAddress, String fromName, ComposedMessage m, String messageId)
      throws MessagingException {
    SafeHeaders.oneLine("from address", fromAddress);
    SafeHeaders.oneLine("recipient address", m.to());
    SafeHeaders.oneLine("subject", m.subject());
    SafeHeaders.oneLine("unsubscribe link", m.unsubscribeUrl());
    SafeHeaders.oneLine("Message-ID", messageId);
    MimeMessage msg = new FixedIdMessage(session, messageId);
    msg.setFrom(address(fromAddress, fromName));
    msg.setRecipient(MimeMessage.RecipientType.TO, address(m.to(), m.toName()));
    msg.setSubject(m.subject() == null ? "" : m.subject(), UTF8);
    if (m.unsubscribeUrl() != null && !m.unsubscribeUrl().isBlank()) {
      msg.setHeader("List-Unsubscribe", "<" + m.unsubscribeUrl() + ">");
      msg.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    MimeBodyPart text = new MimeBodyPart();
    text.setText(m.text() == null ? "" : m.text(), UTF8, "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(m.html() == null ? "" : m.html(), UTF8, "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    msg.setContent(alternative);
    msg.setSentDate(new java.util.Date());
    msg.saveChanges();
    return msg;
  }

  private static InternetAddress address(String address, String name) throws MessagingException {
    InternetAddress a = new InternetAddress(address, true);
    String display = SafeHeaders.neutralised(name);
    if (display != null && !display.isEmpty()) {
      try {
        a.setPersonal(display, UTF8);
      } catch (UnsupportedEncodingException e) {
        throw new IllegalStateException(e);
      }
    }
    return a;
  }

  /** A message that keeps the Message-ID we chose (and stored) instead of generating its own. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
