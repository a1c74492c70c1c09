package io.affinity.campaigns.delivery;

import io.affinity.campaigns.compose.ComposedMessage;
import it.unimi.dsi.fastutil.io.FastByteArrayOutputStream;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.angus.mail.smtp.SMTPMessage;

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
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(textPart(m.text(), "plain"));
    alternative.addBodyPart(textPart(m.html(), "html"));
    msg.setContent(alternative);
    msg.setSentDate(new java.util.Date());
    msg.saveChanges();
    return msg;
  }

  /**
   * Sets the envelope sender (SMTP MAIL FROM) of {@code message}, built by {@link #build}, to
   * {@code address}; null leaves it to be the From address.
   *
   * @throws HeaderInjectionException if the address carries a line break
   */
  public static void setEnvelopeSender(MimeMessage message, String address) {
    if (address == null) {
      return;
    }
    SafeHeaders.oneLine("envelope sender", address);
    if (message instanceof SMTPMessage smtp) {
      smtp.setEnvelopeFrom(address);
    }
  }

  /** The envelope sender set on {@code message}, or null when it is the From address. */
  public static String envelopeSender(MimeMessage message) {
    return message instanceof SMTPMessage smtp ? smtp.getEnvelopeFrom() : null;
  }

  /**
   * A text part of {@code content} (null for empty) already encoded for transfer: 7bit when it is
   * ASCII in lines SMTP accepts, else quoted-printable (what Jakarta Mail picks for such text).
   * Left to Jakarta Mail, the text went through its charset encoder twice, once to choose the
   * encoding when the message was saved and once to encode it when sent: 15% of a campaign send's
   * CPU in a profile. A part built from encoded bytes is written out as it is.
   */
  static MimeBodyPart textPart(String content, String subtype) throws MessagingException {
    byte[] utf8 = (content == null ? "" : content).getBytes(StandardCharsets.UTF_8);
    boolean sevenBit = isSevenBit(utf8);
    InternetHeaders headers = new InternetHeaders();
    headers.setHeader("Content-Type", "text/" + subtype + "; charset=" + UTF8);
    headers.setHeader("Content-Transfer-Encoding", sevenBit ? "7bit" : "quoted-printable");
    return new MimeBodyPart(headers, sevenBit ? utf8 : quotedPrintable(utf8));
  }

  /** Whether {@code bytes} are ASCII without NUL, in lines of at most 998 bytes (RFC 5322). */
  static boolean isSevenBit(byte[] bytes) {
    int line = 0;
    for (byte b : bytes) {
      if (b <= 0) {
        return false;
      }
      if (b == '\n' || b == '\r') {
        line = 0;
      } else if (++line > 998) {
        return false;
      }
    }
    return true;
  }

  private static byte[] quotedPrintable(byte[] bytes) throws MessagingException {
    // The encoder writes byte by byte: into an unsynchronised buffer, not a ByteArrayOutputStream.
    FastByteArrayOutputStream out = new FastByteArrayOutputStream(bytes.length + bytes.length / 4);
    try (OutputStream qp = MimeUtility.encode(out, "quoted-printable")) {
      qp.write(bytes);
    } catch (IOException e) {
      throw new MessagingException("Could not encode a text part", e);
    }
    return Arrays.copyOf(out.array, out.length);
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

  /**
   * A message that keeps the Message-ID we chose (and stored) instead of generating its own. An
   * Angus {@link SMTPMessage}, so that its envelope sender can be set per message (VERP, see {@link
   * ReturnPaths}).
   */
  private static final class FixedIdMessage extends SMTPMessage {
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
