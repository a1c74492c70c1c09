package io.affinity.service.api.deliverability;

import com.fasterxml.jackson.databind.JsonNode;
import io.affinity.campaigns.deliverability.DeliveryReport;
import io.affinity.campaigns.deliverability.ReportKind;
import io.micronaut.core.annotation.Nullable;
import java.util.Set;

/**
 * Postmark's bounce, spam complaint and delivery webhooks ({@code RecordType} Bounce,
 * SpamComplaint, Delivery). A bounce's {@code Type} HardBounce or BadEmailAddress is a hard bounce;
 * SoftBounce, Transient, DnsError, Blocked, DMARCPolicy and Unknown are soft ones; SpamComplaint
 * and SpamNotification complaints; the rest (auto-responders, address changes, challenge
 * verifications, ...) say nothing about the address and are noted only. Postmark's {@code
 * MessageID} is its own id, not our header: the address finds the recipient.
 */
final class PostmarkRecords {
  static final String PROVIDER = "postmark";
  private static final Set<String> HARD = Set.of("HardBounce", "BadEmailAddress");
  private static final Set<String> SOFT =
      Set.of("SoftBounce", "Transient", "DnsError", "Blocked", "DMARCPolicy", "Unknown");
  private static final Set<String> COMPLAINT = Set.of("SpamComplaint", "SpamNotification");

  private PostmarkRecords() {}

  /** Whether {@code n} is a Postmark webhook record. */
  static boolean isRecord(JsonNode n) {
    return n.hasNonNull("RecordType") || (n.has("TypeCode") && n.has("Email"));
  }

  static void read(JsonNode n, String path, Payload out) {
    String record = Payload.text(n, "RecordType");
    if (record == null) {
      record = "Bounce";
    }
    switch (record) {
      case "Bounce", "SpamComplaint" -> {
        String type = Payload.text(n, "Type");
        ReportKind kind =
            "SpamComplaint".equals(record) || COMPLAINT.contains(type)
                ? ReportKind.COMPLAINT
                : HARD.contains(type)
                    ? ReportKind.HARD_BOUNCE
                    : SOFT.contains(type) ? ReportKind.SOFT_BOUNCE : null;
        if (kind == null) {
          out.notes.add("Postmark bounce of type " + type + ": says nothing about the address");
          return;
        }
        String detail = Payload.text(n, "Details");
        if (detail == null) {
          detail = Payload.text(n, "Description");
        }
        add(out, kind, n, "Email", "BouncedAt", detail, path);
      }
      case "Delivery" ->
          add(
              out,
              ReportKind.DELIVERED,
              n,
              "Recipient",
              "DeliveredAt",
              Payload.text(n, "Details"),
              path);
      default -> out.notes.add("Postmark " + record + " record: nothing to record");
    }
  }

  private static void add(
      Payload out,
      ReportKind kind,
      JsonNode n,
      String addressField,
      String timeField,
      @Nullable String detail,
      String path) {
    String address = Payload.text(n, addressField);
    if (!Payload.isAddress(address)) {
      out.error(Payload.path(path, addressField), "must be the recipient's e-mail address");
      return;
    }
    String when = Payload.text(n, timeField);
    Long at = Payload.time(when);
    if (when != null && at == null) {
      out.error(Payload.path(path, timeField), "'" + when + "' is not an ISO-8601 time");
      return;
    }
    JsonNode id = n.get("ID");
    String eventId = id == null || id.isNull() ? null : id.asText();
    out.reports.add(
        new DeliveryReport(
            kind,
            address,
            null,
            null,
            at == null ? System.currentTimeMillis() : at,
            PROVIDER,
            eventId == null ? Payload.text(n, "MessageID") : eventId,
            detail));
  }
}
