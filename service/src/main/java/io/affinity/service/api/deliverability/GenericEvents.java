package io.affinity.service.api.deliverability;

import com.fasterxml.jackson.databind.JsonNode;
import io.affinity.campaigns.deliverability.DeliveryReport;
import io.affinity.campaigns.deliverability.ReportKind;
import io.affinity.campaigns.delivery.ReturnPaths;
import java.util.Iterator;
import java.util.Set;

/**
 * The generic format, for any provider or relay we have no reader for:
 *
 * <pre>
 * {"type": "bounce", "bounceType": "hard", "email": "jane@example.com",
 *  "messageId": "&lt;c12.r345.a1b2@shop.example&gt;", "occurredAt": "2026-03-01T10:00:00Z",
 *  "detail": "550 5.1.1 user unknown", "id": "evt-1", "returnPath": "bounces+345-...@shop.example"}
 * </pre>
 *
 * {@code type} is {@code bounce} (with {@code bounceType} {@code hard} or {@code soft}), {@code
 * complaint} or {@code delivery}; {@code email} or {@code messageId} (our Message-ID header) or
 * {@code returnPath} (the envelope sender the message went with) names the recipient; {@code
 * occurredAt} defaults to now; {@code id}, the sender's event id, makes a redelivery harmless (so
 * does an explicit {@code occurredAt}).
 */
final class GenericEvents {
  static final String PROVIDER = "generic";
  private static final Set<String> FIELDS =
      Set.of(
          "type", "bounceType", "email", "messageId", "occurredAt", "detail", "id", "returnPath");

  private GenericEvents() {}

  static void read(JsonNode n, String path, Payload out) {
    int before = out.errors.size();
    for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        out.error(
            Payload.path(path, name),
            "unknown field; the known fields are " + new java.util.TreeSet<>(FIELDS));
      } else if (!n.get(name).isNull() && !n.get(name).isTextual()) {
        out.error(Payload.path(path, name), "must be a string");
      }
    }
    if (out.errors.size() > before) {
      return;
    }
    String type = Payload.text(n, "type");
    String bounceType = Payload.text(n, "bounceType");
    ReportKind kind = null;
    if ("bounce".equals(type)) {
      if ("hard".equals(bounceType)) {
        kind = ReportKind.HARD_BOUNCE;
      } else if ("soft".equals(bounceType)) {
        kind = ReportKind.SOFT_BOUNCE;
      } else {
        out.error(Payload.path(path, "bounceType"), "must be hard or soft for a bounce");
      }
    } else if ("complaint".equals(type)) {
      kind = ReportKind.COMPLAINT;
    } else if ("delivery".equals(type)) {
      kind = ReportKind.DELIVERED;
    } else {
      out.error(Payload.path(path, "type"), "must be bounce, complaint or delivery");
    }
    if (bounceType != null && !"bounce".equals(type)) {
      out.error(Payload.path(path, "bounceType"), "only a bounce has a bounce type");
    }
    String email = Payload.text(n, "email");
    String messageId = Payload.text(n, "messageId");
    String returnPath = Payload.text(n, "returnPath");
    if (email != null && !Payload.isAddress(email)) {
      out.error(Payload.path(path, "email"), "must be an e-mail address");
    }
    if (email == null && messageId == null && returnPath == null) {
      out.error(
          path.isEmpty() ? "email" : Payload.path(path, "email"),
          "give email, messageId or returnPath: what the event is about");
    }
    String detail = Payload.text(n, "detail");
    if (detail != null && detail.length() > 1000) {
      out.error(Payload.path(path, "detail"), "must be at most 1000 characters");
    }
    String id = Payload.text(n, "id");
    if (id != null && id.length() > 200) {
      out.error(Payload.path(path, "id"), "must be at most 200 characters");
    }
    String at = Payload.text(n, "occurredAt");
    Long occurredAt = at == null ? Long.valueOf(System.currentTimeMillis()) : Payload.time(at);
    if (occurredAt == null) {
      out.error(
          Payload.path(path, "occurredAt"),
          "'" + at + "' is not an ISO-8601 time such as 2026-03-01T10:00:00Z");
    }
    if (out.errors.size() > before) {
      return;
    }
    out.reports.add(
        new DeliveryReport(
            kind,
            email,
            messageId,
            ReturnPaths.tokenIn(returnPath),
            occurredAt,
            PROVIDER,
            id,
            detail));
  }
}
