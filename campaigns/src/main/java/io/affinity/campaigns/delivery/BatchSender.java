package io.affinity.campaigns.delivery;

import io.affinity.campaigns.campaign.Campaign;
import io.affinity.campaigns.campaign.RecipientState;
import io.affinity.campaigns.campaign.Variant;
import io.affinity.campaigns.compose.ComposedMessage;
import io.affinity.campaigns.compose.MessageComposer;
import io.affinity.campaigns.compose.RecipientContext;
import io.affinity.campaigns.templates.TemplateRenderException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one claimed batch: send-time checks (consent, suppression list, topic, then the frequency
 * cap), rendering, MIME, SMTP, and the outcome of each recipient. Outcomes are handed to {@code
 * record} at least once a second and at the end, so a crash leaves at most about a second's worth
 * of sent messages unrecorded (those become ambiguous, never resent).
 */
final class BatchSender {
  private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);
  private static final long FLUSH_MILLIS = 1000;

  private final MailConfiguration config;
  private final SmtpConnections smtp;
  private final MessageComposer composer;
  private final TemplateFailureBrake brake;

  BatchSender(
      MailConfiguration config,
      SmtpConnections smtp,
      MessageComposer composer,
      TemplateFailureBrake brake) {
    this.config = config;
    this.smtp = smtp;
    this.composer = composer;
    this.brake = brake;
  }

  /**
   * Sends {@code batch} of {@code campaign}.
   *
   * @param stillRunning false once the campaign was paused or cancelled: the rest is released
   * @param campaignBucket the campaign's own rate limit, or null
   * @param record stores outcomes (called several times for a long batch)
   */
  void send(
      Campaign campaign,
      List<ClaimedRecipient> batch,
      BooleanSupplier stillRunning,
      TokenBucket campaignBucket,
      Consumer<List<Outcome>> record)
      throws InterruptedException {
    MessageComposer forBatch = prefetch(campaign, batch);
    List<Outcome> outcomes = new ArrayList<>();
    long lastFlush = System.currentTimeMillis();
    boolean connectionFailed = false;
    for (ClaimedRecipient r : batch) {
      if (connectionFailed
          || !stillRunning.getAsBoolean()
          || Thread.currentThread().isInterrupted()) {
        outcomes.add(
            connectionFailed
                ? Outcome.deferred(r.id(), System.currentTimeMillis() + backoff(0), null)
                : Outcome.released(r.id()));
        continue;
      }
      Outcome o = sendOne(campaign, r, campaignBucket, forBatch);
      if (o.state() == RecipientState.PENDING && !o.attempted()) {
        connectionFailed = true;
      }
      outcomes.add(o);
      if (System.currentTimeMillis() - lastFlush >= FLUSH_MILLIS) {
        record.accept(outcomes);
        outcomes = new ArrayList<>();
        lastFlush = System.currentTimeMillis();
      }
    }
    record.accept(outcomes);
  }

  /**
   * The composer for the recipients of {@code batch} that will be composed, their data read in one
   * go; the plain composer if that read fails (each message then reads its own, and fails on its
   * own).
   */
  private MessageComposer prefetch(Campaign campaign, List<ClaimedRecipient> batch) {
    List<RecipientContext> contexts = new ArrayList<>(batch.size());
    for (ClaimedRecipient r : batch) {
      RecipientContext c =
          r.suppressionReason() == null && r.cap() == null ? context(campaign, r) : null;
      if (c != null) {
        contexts.add(c);
      }
    }
    try {
      return composer.forBatch(contexts);
    } catch (RuntimeException e) {
      LOG.warn("Reading a batch's recipient data failed; composing message by message", e);
      return composer;
    }
  }

  /** What {@code r} is composed from, or null if its arm has no launched variant. */
  private static RecipientContext context(Campaign campaign, ClaimedRecipient r) {
    Optional<Variant> variant = campaign.variant(r.arm());
    if (variant.isEmpty() || variant.get().templateVersion() == null) {
      return null;
    }
    return new RecipientContext(
        campaign.id(),
        r.id(),
        r.customerId(),
        r.arm(),
        variant.get().templateId(),
        variant.get().templateVersion(),
        r.triggerProductId());
  }

  private Outcome sendOne(
      Campaign campaign, ClaimedRecipient r, TokenBucket campaignBucket, MessageComposer composer)
      throws InterruptedException {
    String reason = r.suppressionReason();
    if (reason != null) {
      return Outcome.suppressed(r.id(), reason);
    }
    if (r.cap() != null) {
      return Outcome.capped(r.id(), r.cap());
    }
    RecipientContext context = context(campaign, r);
    if (context == null) {
      return Outcome.failed(r.id(), "no launched variant named '" + r.arm() + "'", false);
    }
    ComposedMessage composed;
    try {
      composed = composer.compose(context);
    } catch (TemplateRenderException e) {
      // The template failed (a render limit stops it within its time): this recipient fails,
      // and a campaign whose template fails for nearly everyone pauses (which releases the rest).
      String error = "could not render: " + e.getMessage();
      brake.failed(campaign.id(), error);
      return Outcome.failed(r.id(), error, false);
    } catch (RuntimeException e) {
      return Outcome.failed(r.id(), "could not render: " + e.getMessage(), false);
    }
    brake.rendered(campaign.id());
    String messageId = messageId(campaign, r);
    MimeMessage message;
    try {
      message =
          MimeMessages.build(
              smtp.session(), campaign.fromAddress(), campaign.fromName(), composed, messageId);
    } catch (HeaderInjectionException e) {
      return Outcome.failed(r.id(), e.getMessage(), false);
    } catch (MessagingException e) {
      return Outcome.failed(r.id(), "could not build the message: " + e.getMessage(), false);
    }
    if (campaignBucket != null) {
      campaignBucket.acquire();
    }
    SendOutcome sent = smtp.send(message, r.id());
    long now = System.currentTimeMillis();
    return switch (sent.kind()) {
      case ACCEPTED -> Outcome.sent(r.id(), messageId, now);
      case PERMANENT ->
          Outcome.bounced(r.id(), r.customerId(), composed.to(), sent.code() + " " + sent.detail());
      case TEMPORARY ->
          r.attempts() + 1 >= config.getMaxAttempts()
              ? Outcome.failed(
                  r.id(),
                  "gave up after " + (r.attempts() + 1) + " attempts: " + sent.detail(),
                  true)
              : Outcome.retry(r.id(), now + backoff(r.attempts()), sent.detail());
      case UNKNOWN ->
          Outcome.ambiguous(
              r.id(),
              "the connection failed during the send; it may have been accepted: " + sent.detail());
      case NOT_SENT -> Outcome.deferred(r.id(), now + backoff(0), sent.detail());
    };
  }

  /** The wait before retry number {@code attempts + 1}: the backoff doubled per attempt. */
  private long backoff(int attempts) {
    return config.getRetryBackoff().toMillis() << Math.min(attempts, 10);
  }

  private String messageId(Campaign campaign, ClaimedRecipient r) {
    String domain = config.getMessageIdDomain();
    if (domain == null || domain.isBlank()) {
      String from = campaign.fromAddress();
      domain = from.substring(from.indexOf('@') + 1);
    }
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    return "<c"
        + campaign.id()
        + ".r"
        + r.id()
        + "."
        + HexFormat.of().formatHex(random)
        + "@"
        + domain
        + ">";
  }
}
