package io.affinity.service.api.deliverability;

import com.fasterxml.jackson.databind.JsonNode;
import io.affinity.campaigns.deliverability.DeliveryReport;
import io.affinity.campaigns.deliverability.Diagnostics;
import io.affinity.campaigns.deliverability.ReportKind;
import io.affinity.campaigns.delivery.ReturnPaths;

/**
 * Mailgun's webhooks ({@code {"signature": ..., "event-data": ...}}): {@code failed} with {@code
 * severity} permanent is a hard bounce, temporary a soft one; {@code complained} a complaint;
 * {@code delivered} a delivery; other events are noted only. Our Message-ID comes from {@code
 * message.headers.message-id}, the VERP token from {@code envelope.sender}.
 */
final class MailgunEvents {
  static final String PROVIDER = "mailgun";

  private MailgunEvents() {}

  /** Whether {@code n} is a Mailgun webhook. */
  static boolean isEvent(JsonNode n) {
    return n.has("event-data");
  }

  static void read(JsonNode n, String path, Payload out) {
    JsonNode e = n.path("event-data");
    String base = Payload.path(path, "event-data");
    String event = Payload.text(e, "event");
    ReportKind kind;
    if ("failed".equals(event)) {
      String severity = Payload.text(e, "severity");
      kind = "temporary".equals(severity) ? ReportKind.SOFT_BOUNCE : ReportKind.HARD_BOUNCE;
    } else if ("complained".equals(event)) {
      kind = ReportKind.COMPLAINT;
    } else if ("delivered".equals(event)) {
      kind = ReportKind.DELIVERED;
    } else {
      out.notes.add("Mailgun " + event + " event: nothing to record");
      return;
    }
    String address = Payload.text(e, "recipient");
    if (!Payload.isAddress(address)) {
      out.error(Payload.path(base, "recipient"), "must be the recipient's e-mail address");
      return;
    }
    long at = seconds(e.get("timestamp"));
    JsonNode status = e.path("delivery-status");
    String message = Payload.text(status, "message");
    if (message == null) {
      message = Payload.text(status, "description");
    }
    JsonNode code = status.get("code");
    String reply = code != null && code.isNumber() ? code.asText() : null;
    String detail =
        Diagnostics.describe(
            Payload.text(status, "enhanced-code"),
            reply == null ? message : reply + (message == null ? "" : " " + message));
    if (detail == null) {
      detail = Payload.text(e, "reason");
    }
    out.reports.add(
        new DeliveryReport(
            kind,
            address,
            Payload.text(e.path("message").path("headers"), "message-id"),
            ReturnPaths.tokenIn(Payload.text(e.path("envelope"), "sender")),
            at,
            PROVIDER,
            Payload.text(e, "id"),
            detail));
  }

  /** Mailgun's timestamp (epoch seconds, a number or a string) in millis; now if it has none. */
  private static long seconds(JsonNode ts) {
    try {
      if (ts != null && ts.isNumber()) {
        return Math.round(ts.asDouble() * 1000);
      }
      if (ts != null && ts.isTextual()) {
        return Math.round(Double.parseDouble(ts.asText()) * 1000);
      }
    } catch (NumberFormatException e) {
      // Not a time: treated as now, like a missing one.
    }
    return System.currentTimeMillis();
  }
}
