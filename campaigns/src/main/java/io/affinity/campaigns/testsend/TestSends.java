package io.affinity.campaigns.testsend;

import io.affinity.campaigns.campaign.Campaign;
import io.affinity.campaigns.campaign.CampaignConflictException;
import io.affinity.campaigns.campaign.CampaignService;
import io.affinity.campaigns.campaign.SenderFields;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.campaign.Variant;
import io.affinity.campaigns.compose.ComposedMessage;
import io.affinity.campaigns.compose.MessagePreview;
import io.affinity.campaigns.singlemail.SingleMail;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.core.consent.SuppressionList;
import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a campaign's or a template's message for one customer with {@link MessagePreview} (the
 * preview path: links that track nothing, offers not recorded as shown) and mails it to a test
 * address with {@value #PREFIX} before the subject. Nothing is written: no recipient row, no
 * tracking event, no ledger entry, no offer exposure.
 */
@Singleton
public class TestSends {
  /** What a test message's subject starts with. */
  public static final String PREFIX = "[TEST] ";

  private static final Logger LOG = LoggerFactory.getLogger(TestSends.class);
  private static final int MAX_ADDRESS = 254;

  private final CampaignService campaigns;
  private final TemplateService templates;
  private final MessagePreview preview;
  private final SingleMail mail;
  private final SuppressionList suppressions;
  private final Transactions tx;

  public TestSends(
      CampaignService campaigns,
      TemplateService templates,
      MessagePreview preview,
      SingleMail mail,
      SuppressionList suppressions,
      Transactions tx) {
    this.campaigns = campaigns;
    this.templates = templates;
    this.preview = preview;
    this.mail = mail;
    this.suppressions = suppressions;
    this.tx = tx;
  }

  /**
   * Campaign {@code campaignId}'s message for {@code request.customerId()}: its variant's template
   * at the version pinned at launch (the current one for a draft), from the campaign's sender.
   *
   * @param requestedBy the API key's name, for the log
   */
  public TestSendResult ofCampaign(
      long campaignId, TestSendRequest request, @Nullable String requestedBy) {
    List<FieldError> errors = check(request);
    if (request != null) {
      notFor(request.version(), "version", "the campaign pins its template versions", errors);
      notFor(request.fromAddress(), "fromAddress", "the campaign's sender is used", errors);
      notFor(request.fromName(), "fromName", "the campaign's sender is used", errors);
    }
    Campaign campaign =
        campaigns
            .campaign(campaignId)
            .orElseThrow(() -> new NotFoundException("campaign", Long.toString(campaignId)));
    if (campaign.variants().isEmpty() || campaign.fromAddress() == null) {
      throw new CampaignConflictException(
          "Campaign " + campaignId + " is not sent by this service, so it has no message to test");
    }
    Variant variant = null;
    if (request != null && request.variant() != null) {
      variant = campaign.variant(request.variant()).orElse(null);
      if (variant == null) {
        errors.add(
            new FieldError(
                "variant",
                "no variant '"
                    + request.variant()
                    + "'; the campaign has "
                    + campaign.variants().stream()
                        .map(Variant::name)
                        .collect(Collectors.joining(", "))));
      }
    } else {
      variant = campaign.variants().get(0);
    }
    failOn(errors);
    int version =
        variant.templateVersion() != null
            ? variant.templateVersion()
            : templates.currentVersion(variant.templateId());
    return send(
        new SingleMail.From(campaign.fromAddress(), campaign.fromName()),
        variant.templateId(),
        version,
        variant.name(),
        request,
        "test-c" + campaignId,
        requestedBy);
  }

  /**
   * Template {@code templateId}'s message (the request's version, else the current one) for {@code
   * request.customerId()}, from the request's sender or else the configured one.
   *
   * @param requestedBy the API key's name, for the log
   */
  public TestSendResult ofTemplate(
      long templateId, TestSendRequest request, @Nullable String requestedBy) {
    List<FieldError> errors = check(request);
    if (request != null) {
      notFor(request.variant(), "variant", "a template has no variants", errors);
    }
    if (request != null && request.version() != null && request.version() < 1) {
      errors.add(new FieldError("version", "must be 1 or more"));
    }
    if (request != null && request.fromAddress() != null) {
      SenderFields.check(request.fromAddress(), request.fromName(), errors);
    }
    failOn(errors);
    int version =
        request.version() != null ? request.version() : templates.currentVersion(templateId);
    mail.requireEnabled();
    SingleMail.From from =
        request.fromAddress() != null
            ? new SingleMail.From(request.fromAddress().trim(), request.fromName())
            : mail.configuredSender();
    return send(from, templateId, version, null, request, "test-t" + templateId, requestedBy);
  }

  private TestSendResult send(
      SingleMail.From from,
      long templateId,
      int version,
      @Nullable String variant,
      TestSendRequest request,
      String idPrefix,
      @Nullable String requestedBy) {
    mail.requireEnabled();
    String to = request.to().trim();
    ComposedMessage m =
        preview.message(
            templateId, version, request.customerId(), variant == null ? "test" : variant);
    String reason = tx.read(c -> suppressions.reason(c, to));
    if (reason != null) {
      throw new InvalidInputException(
          "to", "is suppressed (" + reason + "): it is never mailed, not even a test");
    }
    String subject = PREFIX + (m.subject() == null ? "" : m.subject());
    // The customer's display name is left out: the message goes to someone else.
    String messageId =
        mail.send(
            from,
            new ComposedMessage(to, null, subject, m.html(), m.text(), m.unsubscribeUrl()),
            idPrefix);
    LOG.info(
        "Test send of template {} v{} for customer {} accepted as {} (key {})",
        templateId,
        version,
        request.customerId(),
        messageId,
        requestedBy);
    return new TestSendResult(
        messageId, to, subject, request.customerId(), templateId, version, variant);
  }

  /** What is wrong with the customer and the address of {@code request}. */
  private static List<FieldError> check(TestSendRequest request) {
    List<FieldError> errors = new ArrayList<>();
    if (request == null) {
      errors.add(new FieldError("body", "a JSON object with customerId and to is required"));
      return errors;
    }
    if (request.customerId() == null || request.customerId().isBlank()) {
      errors.add(new FieldError("customerId", "is required"));
    }
    String to = request.to();
    if (to == null || to.isBlank()) {
      errors.add(new FieldError("to", "is required"));
    } else if (!isPlainAddress(to)) {
      errors.add(
          new FieldError(
              "to", "must be one plain e-mail address (no name, no line break, no list)"));
    }
    return errors;
  }

  private static void notFor(Object value, String field, String why, List<FieldError> errors) {
    if (value != null) {
      errors.add(new FieldError(field, "is not taken here: " + why));
    }
  }

  private static void failOn(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(
          errors.size() + " invalid value(s); nothing was sent", errors);
    }
  }

  /** Whether {@code s} is one address alone: no display name, group, list or control character. */
  static boolean isPlainAddress(String s) {
    String trimmed = s.trim();
    if (trimmed.length() > MAX_ADDRESS || trimmed.indexOf('@') <= 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return false; // CR or LF would start a header of its own
      }
    }
    try {
      InternetAddress a = new InternetAddress(trimmed, true);
      return a.getPersonal() == null && !a.isGroup() && a.getAddress().equals(trimmed);
    } catch (AddressException e) {
      return false;
    }
  }
}
