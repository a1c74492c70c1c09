package io.affinity.campaigns.deliverability;

import io.micronaut.core.annotation.Nullable;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code message/delivery-status} part of a DSN (RFC 3464): one report per recipient
 * whose {@code Action} is {@code failed} (a 5.x.x {@code Status} a hard bounce, 4.x.x a soft one)
 * or {@code delivered}/{@code relayed}/{@code expanded}. {@code delayed} is a warning, the message
 * is still being tried: no report.
 */
final class DeliveryStatusParser {
  /** The provider name of reports read from DSNs. */
  static final String PROVIDER = "dsn";

  private DeliveryStatusParser() {}

  /**
   * The reports in {@code deliveryStatus}.
   *
   * @param messageId the Message-ID of our message the DSN returns, or null
   * @param verpToken the VERP token of the address the DSN was sent to, or null
   * @param fallbackTime when it happened if the DSN gives no date (the DSN's own Date)
   * @param eventId the DSN's own Message-ID, or null
   */
  static List<DeliveryReport> parse(
      byte[] deliveryStatus,
      @Nullable String messageId,
      @Nullable String verpToken,
      long fallbackTime,
      @Nullable String eventId)
      throws MessagingException {
    List<InternetHeaders> blocks = HeaderBlocks.of(deliveryStatus);
    if (blocks.isEmpty()) {
      return List.of();
    }
    InternetHeaders perMessage = blocks.get(0);
    // The per-message block has no recipient fields; a DSN without it starts with a recipient.
    int firstRecipient = isRecipient(perMessage) ? 0 : 1;
    Long arrival = HeaderBlocks.date(HeaderBlocks.first(perMessage, "Arrival-Date"));
    List<DeliveryReport> reports = new ArrayList<>();
    for (InternetHeaders r : blocks.subList(firstRecipient, blocks.size())) {
      if (!isRecipient(r)) {
        continue;
      }
      String status = statusCode(HeaderBlocks.first(r, "Status"));
      ReportKind kind = kind(HeaderBlocks.first(r, "Action"), status);
      if (kind == null) {
        continue;
      }
      String address = HeaderBlocks.address(HeaderBlocks.first(r, "Final-Recipient"));
      if (address == null) {
        address = HeaderBlocks.address(HeaderBlocks.first(r, "Original-Recipient"));
      }
      Long at = HeaderBlocks.date(HeaderBlocks.first(r, "Last-Attempt-Date"));
      reports.add(
          new DeliveryReport(
              kind,
              address,
              messageId,
              verpToken,
              at != null ? at : arrival != null ? arrival : fallbackTime,
              PROVIDER,
              eventId,
              Diagnostics.describe(status, HeaderBlocks.first(r, "Diagnostic-Code"))));
    }
    return reports;
  }

  private static boolean isRecipient(InternetHeaders h) {
    return HeaderBlocks.first(h, "Final-Recipient") != null
        || HeaderBlocks.first(h, "Action") != null;
  }

  /** The status code ({@code 5.1.1}) without a comment after it, or null. */
  private static @Nullable String statusCode(@Nullable String status) {
    if (status == null) {
      return null;
    }
    String code = status.trim().split("[\\s(]", 2)[0];
    return code.matches("[245]\\.\\d{1,3}\\.\\d{1,3}") ? code : null;
  }

  /** What an action and status mean, or null for a warning or an action we do not know. */
  static @Nullable ReportKind kind(@Nullable String action, @Nullable String status) {
    String a = action == null ? "" : action.trim().toLowerCase(Locale.ROOT).split("[\\s(]", 2)[0];
    char cls = status == null ? ' ' : status.charAt(0);
    return switch (a) {
      case "failed" -> cls == '4' ? ReportKind.SOFT_BOUNCE : ReportKind.HARD_BOUNCE;
      case "delivered", "relayed", "expanded" -> ReportKind.DELIVERED;
      case "delayed" -> null;
      case "" ->
          switch (cls) {
            case '5' -> ReportKind.HARD_BOUNCE;
            case '4' -> ReportKind.SOFT_BOUNCE;
            case '2' -> ReportKind.DELIVERED;
            default -> null;
          };
      default -> null;
    };
  }
}
