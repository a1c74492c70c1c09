package io.affinity.service.api.deliverability;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.affinity.campaigns.deliverability.DeliveryReport;
import io.affinity.campaigns.deliverability.Diagnostics;
import io.affinity.campaigns.deliverability.ReportKind;
import io.affinity.campaigns.delivery.ReturnPaths;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Amazon SES bounce, complaint and delivery notifications, as Amazon SNS posts them (an envelope
 * whose {@code Type} is {@code Notification} and whose {@code Message} is the notification as a
 * JSON string) or bare (raw message delivery). {@code bounceType} Permanent is a hard bounce,
 * Transient and Undetermined soft ones. Our Message-ID comes from {@code mail.commonHeaders} or
 * {@code mail.headers}, the VERP token from {@code mail.source} (the envelope sender). A {@code
 * SubscriptionConfirmation} is answered with a note and logged with its SubscribeURL: confirming is
 * for a person to do, this service makes no outbound calls.
 */
final class SesNotifications {
  static final String PROVIDER = "ses";
  private static final Logger LOG = LoggerFactory.getLogger(SesNotifications.class);

  private SesNotifications() {}

  /** Whether {@code n} is an SNS envelope. */
  static boolean isSnsEnvelope(JsonNode n) {
    return n.hasNonNull("Type") && (n.has("TopicArn") || n.has("Message"));
  }

  /** Whether {@code n} is a bare SES notification or event. */
  static boolean isNotification(JsonNode n) {
    return n.hasNonNull("notificationType") || (n.hasNonNull("eventType") && n.has("mail"));
  }

  static void readEnvelope(JsonNode n, String path, ObjectMapper mapper, Payload out) {
    String type = Payload.text(n, "Type");
    switch (String.valueOf(type)) {
      case "Notification" -> {
        String message = Payload.text(n, "Message");
        JsonNode inner = null;
        if (message != null) {
          try {
            inner = mapper.readTree(message);
          } catch (JacksonException e) {
            inner = null;
          }
        }
        if (inner == null || !inner.isObject() || !isNotification(inner)) {
          out.error(
              Payload.path(path, "Message"),
              "not an Amazon SES notification (a JSON object with notificationType)");
          return;
        }
        read(inner, Payload.path(path, "Message"), out);
      }
      case "SubscriptionConfirmation", "UnsubscribeConfirmation" -> {
        LOG.warn(
            "Amazon SNS {} for topic {}: to confirm, an operator visits {}",
            type,
            Payload.text(n, "TopicArn"),
            Payload.text(n, "SubscribeURL"));
        out.notes.add(
            "Amazon SNS "
                + type
                + " for "
                + Payload.text(n, "TopicArn")
                + " received and logged; confirm the subscription by visiting its SubscribeURL"
                + " (this service makes no outbound calls)");
      }
      default ->
          out.error(
              Payload.path(path, "Type"),
              "must be Notification, SubscriptionConfirmation or UnsubscribeConfirmation");
    }
  }

  static void read(JsonNode n, String path, Payload out) {
    String type = Payload.text(n, "notificationType");
    if (type == null) {
      type = Payload.text(n, "eventType");
    }
    JsonNode mail = n.path("mail");
    String messageId = messageId(mail);
    String verp = ReturnPaths.tokenIn(Payload.text(mail, "source"));
    switch (String.valueOf(type)) {
      case "Bounce" -> {
        JsonNode b = n.path("bounce");
        String bounceType = Payload.text(b, "bounceType");
        ReportKind kind =
            "Permanent".equals(bounceType) ? ReportKind.HARD_BOUNCE : ReportKind.SOFT_BOUNCE;
        long at = at(b, mail, path, out);
        JsonNode recipients = b.path("bouncedRecipients");
        if (!recipients.isArray() || recipients.isEmpty()) {
          out.error(
              Payload.path(path, "bounce.bouncedRecipients"), "must list the bounced recipients");
          return;
        }
        for (JsonNode r : recipients) {
          String detail =
              Diagnostics.describe(Payload.text(r, "status"), Payload.text(r, "diagnosticCode"));
          if (detail == null) {
            detail = bounceType + "/" + Payload.text(b, "bounceSubType");
          }
          add(
              out,
              kind,
              Payload.text(r, "emailAddress"),
              messageId,
              verp,
              at,
              Payload.text(b, "feedbackId"),
              detail,
              path);
        }
      }
      case "Complaint" -> {
        JsonNode c = n.path("complaint");
        long at = at(c, mail, path, out);
        JsonNode recipients = c.path("complainedRecipients");
        if (!recipients.isArray() || recipients.isEmpty()) {
          out.error(
              Payload.path(path, "complaint.complainedRecipients"),
              "must list the complaining recipients");
          return;
        }
        String feedback = Payload.text(c, "complaintFeedbackType");
        String agent = Payload.text(c, "userAgent");
        String detail =
            "complaint"
                + (feedback == null ? "" : ", feedback-type " + feedback)
                + (agent == null ? "" : " from " + agent);
        for (JsonNode r : recipients) {
          add(
              out,
              ReportKind.COMPLAINT,
              Payload.text(r, "emailAddress"),
              messageId,
              verp,
              at,
              Payload.text(c, "feedbackId"),
              detail,
              path);
        }
      }
      case "Delivery" -> {
        JsonNode d = n.path("delivery");
        long at = at(d, mail, path, out);
        for (JsonNode r : d.path("recipients")) {
          add(
              out,
              ReportKind.DELIVERED,
              r.isTextual() ? r.asText() : null,
              messageId,
              verp,
              at,
              Payload.text(mail, "messageId"),
              Payload.text(d, "smtpResponse"),
              path);
        }
      }
      default -> out.notes.add("Amazon SES " + type + " event: nothing to record");
    }
  }

  private static void add(
      Payload out,
      ReportKind kind,
      @Nullable String address,
      @Nullable String messageId,
      @Nullable String verp,
      long at,
      @Nullable String eventId,
      @Nullable String detail,
      String path) {
    if (address != null && !Payload.isAddress(address)) {
      out.error(Payload.path(path, "emailAddress"), "'" + address + "' is not an e-mail address");
      return;
    }
    out.reports.add(
        new DeliveryReport(kind, address, messageId, verp, at, PROVIDER, eventId, detail));
  }

  /** When the event happened: its own timestamp, else the mail's; now if neither reads. */
  private static long at(JsonNode event, JsonNode mail, String path, Payload out) {
    String ts = Payload.text(event, "timestamp");
    Long at = Payload.time(ts != null ? ts : Payload.text(mail, "timestamp"));
    if (ts != null && at == null) {
      out.error(Payload.path(path, "timestamp"), "'" + ts + "' is not an ISO-8601 time");
    }
    return at == null ? System.currentTimeMillis() : at;
  }

  /** Our Message-ID header as SES reports it, or null. */
  private static @Nullable String messageId(JsonNode mail) {
    String id = Payload.text(mail.path("commonHeaders"), "messageId");
    if (id != null) {
      return id;
    }
    for (JsonNode h : mail.path("headers")) {
      String name = Payload.text(h, "name");
      if (name != null && name.equalsIgnoreCase("Message-ID")) {
        return Payload.text(h, "value");
      }
    }
    return null;
  }
}
