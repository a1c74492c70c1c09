package io.affinity.campaigns.singlemail;

import io.affinity.campaigns.campaign.SenderFields;
import io.affinity.campaigns.compose.ComposedMessage;
import io.affinity.campaigns.delivery.HeaderInjectionException;
import io.affinity.campaigns.delivery.MailConfiguration;
import io.affinity.campaigns.delivery.MimeMessages;
import io.affinity.campaigns.delivery.SendOutcome;
import io.affinity.campaigns.delivery.SmtpConnections;
import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Sends one message now, through the SMTP server campaigns use ({@code affinity.mail}) on
 * connections of its own, so that a confirmation or a test send never waits behind a campaign's
 * batches. Builds the MIME message with {@link MimeMessages} like a campaign message.
 */
@Singleton
public class SingleMail {
  private final MailConfiguration mail;
  private final SenderConfiguration sender;
  private final SecureRandom random = new SecureRandom();
  private SmtpConnections smtp;

  public SingleMail(MailConfiguration mail, SenderConfiguration sender) {
    this.mail = mail;
    this.sender = sender;
  }

  /** Who a message is from: an address and an optional display name. */
  public record From(String address, @Nullable String name) {}

  /** Throws {@link SendingDisabledException} when no SMTP server is configured. */
  public void requireEnabled() {
    if (!mail.isEnabled()) {
      throw new SendingDisabledException(
          "Sending is disabled: set affinity.mail.host (and port) to an SMTP server, then try"
              + " again");
    }
  }

  /**
   * The configured sender ({@code affinity.mail.sender.address} and {@code .name}).
   *
   * @throws SendingDisabledException if none is configured, or it is not a plain address
   */
  public From configuredSender() {
    if (sender.getAddress() == null) {
      throw new SendingDisabledException(
          "No sender is configured: set "
              + SenderConfiguration.PREFIX
              + ".address (and optionally .name): the From address of confirmation e-mails and template"
              + " test sends");
    }
    List<FieldError> errors = new ArrayList<>();
    SenderFields.check(sender.getAddress(), sender.getName(), errors);
    if (!errors.isEmpty()) {
      throw new SendingDisabledException(
          SenderConfiguration.PREFIX + " is not usable: " + errors.get(0).reason());
    }
    return new From(sender.getAddress(), sender.getName());
  }

  /**
   * Sends {@code message} from {@code from} under a new Message-ID starting with {@code idPrefix}.
   *
   * @return the Message-ID, with its angle brackets
   * @throws SendingDisabledException when no SMTP server is configured
   * @throws InvalidInputException when a header value carries a line break
   * @throws MailNotSentException when the server did not accept the message
   */
  public String send(From from, ComposedMessage message, String idPrefix) {
    requireEnabled();
    String messageId = messageId(from.address(), idPrefix);
    MimeMessage mime;
    try {
      mime = MimeMessages.build(smtp().session(), from.address(), from.name(), message, messageId);
    } catch (HeaderInjectionException e) {
      throw new InvalidInputException("message", e.getMessage());
    } catch (MessagingException e) {
      throw new InvalidInputException(
          "message", "could not be built: " + SafeText.of(e.getMessage()));
    }
    SendOutcome outcome;
    try {
      outcome = smtp().send(mime);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MailNotSentException("Interrupted before the message was sent", false);
    }
    return switch (outcome.kind()) {
      case ACCEPTED -> messageId;
      case PERMANENT ->
          throw new MailNotSentException(
              "The SMTP server refused the message: "
                  + outcome.code()
                  + " "
                  + SafeText.of(outcome.detail()),
              true);
      case TEMPORARY ->
          throw new MailNotSentException(
              "The SMTP server refused the message for now, try again later: "
                  + outcome.code()
                  + " "
                  + SafeText.of(outcome.detail()),
              false);
      case UNKNOWN ->
          throw new MailNotSentException(
              "The connection to the SMTP server failed during the send: the message may or may"
                  + " not arrive",
              false);
      case NOT_SENT ->
          throw new MailNotSentException(
              "Cannot connect to the SMTP server " + mail.getHost() + ":" + mail.getPort(), false);
    };
  }

  private synchronized SmtpConnections smtp() {
    if (smtp == null) {
      smtp = new SmtpConnections(mail);
    }
    return smtp;
  }

  @PreDestroy
  synchronized void close() {
    if (smtp != null) {
      smtp.close();
      smtp = null;
    }
  }

  private String messageId(String fromAddress, String idPrefix) {
    String domain = mail.getMessageIdDomain();
    if (domain == null || domain.isBlank()) {
      domain = fromAddress.substring(fromAddress.indexOf('@') + 1);
    }
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    return "<" + idPrefix + "." + HexFormat.of().formatHex(bytes) + "@" + domain + ">";
  }
}
