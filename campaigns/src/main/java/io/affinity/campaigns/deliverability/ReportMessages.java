package io.affinity.campaigns.deliverability;

import io.affinity.campaigns.delivery.ReturnPaths;
import io.micronaut.core.annotation.Nullable;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * Reads the reports in a message of the bounce mailbox: a {@code multipart/report} whose {@code
 * report-type} is {@code delivery-status} (a DSN, RFC 3464) or {@code feedback-report} (an ARF
 * complaint, RFC 5965). The original message's headers, returned as {@code text/rfc822-headers} or
 * inside {@code message/rfc822}, give our Message-ID; the address the report was sent to (our VERP
 * return path) gives the recipient row.
 */
public final class ReportMessages {
  /** Where the address a report came back to may be found, the most specific first. */
  private static final String[] DESTINATION_HEADERS = {
    "X-Original-To", "Delivered-To", "Envelope-To", "X-Envelope-To", "To"
  };

  private ReportMessages() {}

  /** A message that is no report we can read: it stays in the mailbox. */
  public static final class NotAReportException extends Exception {
    NotAReportException(String reason) {
      super(reason);
    }
  }

  /**
   * The reports in {@code message}; empty when it is a report with nothing to act on (a delay
   * warning, a feedback type that is no complaint).
   *
   * @throws NotAReportException when it is not a DSN or ARF report
   */
  public static List<DeliveryReport> read(MimeMessage message)
      throws NotAReportException, MessagingException, IOException {
    ContentType type = contentType(message);
    if (type == null || !type.match("multipart/report")) {
      throw new NotAReportException(
          "not a multipart/report but " + (type == null ? "no content type" : type.getBaseType()));
    }
    String reportType = String.valueOf(type.getParameter("report-type")).toLowerCase(Locale.ROOT);
    Multipart parts = new MimeMultipart(new MimePartDataSource(message));
    long when =
        message.getSentDate() != null
            ? message.getSentDate().getTime()
            : System.currentTimeMillis();
    String eventId = HeaderBlocks.first(headersOf(message), "Message-ID");
    String verp = verpToken(message);
    InternetHeaders original = originalHeaders(parts);
    if (verp == null && original != null) {
      verp = ReturnPaths.tokenIn(HeaderBlocks.first(original, "Return-Path"));
    }
    switch (reportType) {
      case "delivery-status" -> {
        BodyPart status = part(parts, "message/delivery-status", "message/global-delivery-status");
        if (status == null) {
          throw new NotAReportException("a delivery-status report without its status part");
        }
        String messageId = HeaderBlocks.first(original, "Message-ID");
        if (messageId == null) {
          // Some servers return nothing of the original but refer to it.
          messageId = HeaderBlocks.first(headersOf(message), "In-Reply-To");
        }
        return DeliveryStatusParser.parse(bytes(status), messageId, verp, when, eventId);
      }
      case "feedback-report" -> {
        BodyPart feedback = part(parts, "message/feedback-report");
        if (feedback == null) {
          throw new NotAReportException("a feedback report without its feedback part");
        }
        return FeedbackReportParser.parse(bytes(feedback), original, verp, when, eventId);
      }
      default -> throw new NotAReportException("a report of type '" + reportType + "'");
    }
  }

  private static @Nullable ContentType contentType(Part p) throws MessagingException {
    String ct = p.getContentType();
    if (ct == null) {
      return null;
    }
    try {
      return new ContentType(ct);
    } catch (MessagingException e) {
      return null;
    }
  }

  /** The VERP token of the address {@code message} was delivered to, if it is one of ours. */
  private static @Nullable String verpToken(MimeMessage message) throws MessagingException {
    for (String name : DESTINATION_HEADERS) {
      String[] values = message.getHeader(name);
      if (values != null) {
        for (String v : values) {
          String token = ReturnPaths.tokenIn(v);
          if (token != null) {
            return token;
          }
        }
      }
    }
    return null;
  }

  private static @Nullable InternetHeaders originalHeaders(Multipart parts)
      throws MessagingException, IOException {
    BodyPart p = part(parts, "text/rfc822-headers", "message/rfc822", "message/global");
    if (p == null) {
      return null;
    }
    try (InputStream in = p.getInputStream()) {
      return new InternetHeaders(in);
    }
  }

  private static @Nullable BodyPart part(Multipart parts, String... types)
      throws MessagingException {
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart p = parts.getBodyPart(i);
      ContentType t = contentType(p);
      if (t == null) {
        continue;
      }
      for (String type : types) {
        if (t.match(type)) {
          return p;
        }
      }
    }
    return null;
  }

  private static byte[] bytes(BodyPart p) throws MessagingException, IOException {
    try (InputStream in = p.getInputStream()) {
      return in.readNBytes(1 << 20);
    }
  }

  private static InternetHeaders headersOf(MimeMessage m) throws MessagingException {
    InternetHeaders h = new InternetHeaders();
    var all = m.getAllHeaders();
    while (all.hasMoreElements()) {
      var header = all.nextElement();
      h.addHeader(header.getName(), header.getValue());
    }
    return h;
  }
}
