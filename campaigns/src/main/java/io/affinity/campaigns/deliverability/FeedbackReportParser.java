package io.affinity.campaigns.deliverability;

import io.micronaut.core.annotation.Nullable;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the {@code message/feedback-report} part of an ARF report (RFC 5965): a {@code
 * Feedback-Type} of {@code abuse} (or {@code fraud}) is a complaint about each {@code
 * Original-Rcpt-To}, else about the original's {@code To}; feedback loops often blank the address
 * out, and then the Message-ID or the VERP return path names the recipient. Other feedback types
 * (not-spam, virus, auth-failure, other) are no complaint: no report.
 */
final class FeedbackReportParser {
  /** The provider name of reports read from ARF messages. */
  static final String PROVIDER = "arf";

  private static final Set<String> COMPLAINTS = Set.of("abuse", "fraud");

  private FeedbackReportParser() {}

  /**
   * The complaints in {@code feedbackReport}.
   *
   * @param original the headers of the reported message, or null
   * @param verpToken the VERP token found around the report, or null
   * @param fallbackTime when it happened if the report gives no date
   * @param eventId the report's own Message-ID, or null
   */
  static List<DeliveryReport> parse(
      byte[] feedbackReport,
      @Nullable InternetHeaders original,
      @Nullable String verpToken,
      long fallbackTime,
      @Nullable String eventId)
      throws MessagingException {
    List<InternetHeaders> blocks = HeaderBlocks.of(feedbackReport);
    if (blocks.isEmpty()) {
      return List.of();
    }
    InternetHeaders report = blocks.get(0);
    String type = HeaderBlocks.first(report, "Feedback-Type");
    if (type == null || !COMPLAINTS.contains(type.toLowerCase(Locale.ROOT))) {
      return List.of();
    }
    String messageId = HeaderBlocks.first(original, "Message-ID");
    String token = verpToken;
    if (token == null) {
      token =
          io.affinity.campaigns.delivery.ReturnPaths.tokenIn(
              HeaderBlocks.first(report, "Original-Mail-From"));
    }
    Long at = HeaderBlocks.date(HeaderBlocks.first(report, "Arrival-Date"));
    if (at == null) {
      at = HeaderBlocks.date(HeaderBlocks.first(report, "Received-Date"));
    }
    String agent = HeaderBlocks.first(report, "User-Agent");
    String detail =
        "feedback-type " + type.toLowerCase(Locale.ROOT) + (agent == null ? "" : " from " + agent);
    List<String> addresses = new ArrayList<>();
    for (String rcpt : HeaderBlocks.all(report, "Original-Rcpt-To")) {
      String a = HeaderBlocks.address(rcpt);
      if (a != null) {
        addresses.add(a);
      }
    }
    if (addresses.isEmpty()) {
      String to = HeaderBlocks.address(HeaderBlocks.first(original, "To"));
      // A redacted address (feedback loops replace the local part) names no one: leave it out.
      addresses.add(to != null && !to.contains("redacted") ? to : null);
    }
    List<DeliveryReport> reports = new ArrayList<>();
    for (String a : addresses) {
      reports.add(
          new DeliveryReport(
              ReportKind.COMPLAINT,
              a,
              messageId,
              token,
              at != null ? at : fallbackTime,
              PROVIDER,
              eventId,
              detail));
    }
    return reports;
  }
}
