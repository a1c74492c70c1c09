package io.affinity.campaigns.delivery;

import io.affinity.campaigns.campaign.Campaign;
import io.affinity.campaigns.campaign.Variant;
import io.affinity.campaigns.compose.ComposedMessage;
import io.affinity.campaigns.compose.MessageComposer;
import io.affinity.campaigns.compose.RecipientContext;
import io.affinity.campaigns.templates.TemplateRenderException;
import io.affinity.core.error.UnavailableException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one claimed batch: send-time checks (consent, suppression list, topic, then the frequency
 * cap), rendering, MIME, SMTP, and the outcome of each recipient.
 *
 * <p>Each message is preceded by a commit that marks its row as handed over ({@code handed_at},
 * with the outcomes gathered since the last write) and followed by a commit of the server's reply,
 * so at any moment a thread has at most one row handed over and unrecorded: after a crash that row
 * is ambiguous, and every other row of the batch is known (recorded, or claimed without the mark:
 * never handed over, so given back to pending). Outcomes of rows never handed over (suppressed,
 * capped, not rendered) are written with the next mark, at least once a second, and at the end.
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

  /** Why a batch stops early: the rest of its rows is given back. */
  private enum Stop {
    NONE,
    /** No connection could be opened: the rest is retried after the backoff. */
    CONNECTION,
    /**
     * The hand-off mark could not be written, or the row was no longer ours: the rest is released.
     */
    HAND_OFF
  }

  /**
   * Sends {@code batch} of {@code campaign}.
   *
   * @param stillRunning false once the campaign was paused or cancelled: the rest is released
   * @param campaignBucket the campaign's own rate limit, or null
   * @param log where hand-offs and outcomes are written
   */
  void send(
      Campaign campaign,
      List<ClaimedRecipient> batch,
      BooleanSupplier stillRunning,
      TokenBucket campaignBucket,
      DeliveryLog log)
      throws InterruptedException {
    MessageComposer forBatch = prefetch(campaign, batch);
    List<Outcome> unwritten = new ArrayList<>();
    long lastWrite = System.currentTimeMillis();
    Stop stop = Stop.NONE;
    for (ClaimedRecipient r : batch) {
      if (stop != Stop.NONE
          || !stillRunning.getAsBoolean()
          || Thread.currentThread().isInterrupted()) {
        unwritten.add(
            stop == Stop.CONNECTION
                ? Outcome.deferred(r.id(), System.currentTimeMillis() + backoff(0), null)
                : Outcome.released(r.id()));
        continue;
      }
      Attempt a = sendOne(campaign, r, campaignBucket, forBatch, unwritten, log);
      if (a.handed()) {
        // The reply, at once: until it is written this row would be ambiguous after a crash.
        lastWrite = System.currentTimeMillis();
        if (a.outcome() != null) {
          log.record(List.of(a.outcome()));
        }
      } else if (a.outcome() != null) {
        unwritten.add(a.outcome());
      }
      stop = a.stop();
      if (!unwritten.isEmpty() && System.currentTimeMillis() - lastWrite >= FLUSH_MILLIS) {
        log.record(unwritten);
        unwritten = new ArrayList<>();
        lastWrite = System.currentTimeMillis();
      }
    }
    log.record(unwritten);
  }

  /**
   * What became of one recipient.
   *
   * @param outcome its outcome to write, or null if the row is no longer this worker's
   * @param handed whether its row was marked as handed over (the outcomes before were written)
   * @param stop whether and why the rest of the batch is given back
   */
  private record Attempt(Outcome outcome, boolean handed, Stop stop) {
    static Attempt before(Outcome o) {
      return new Attempt(o, false, Stop.NONE);
    }
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

  private Attempt sendOne(
      Campaign campaign,
      ClaimedRecipient r,
      TokenBucket campaignBucket,
      MessageComposer composer,
      List<Outcome> unwritten,
      DeliveryLog log)
      throws InterruptedException {
    String reason = r.suppressionReason();
    if (reason != null) {
      return Attempt.before(Outcome.suppressed(r.id(), reason));
    }
    if (r.cap() != null) {
      return Attempt.before(Outcome.capped(r.id(), r.cap()));
    }
    RecipientContext context = context(campaign, r);
    if (context == null) {
      return Attempt.before(
          Outcome.failed(r.id(), "no launched variant named '" + r.arm() + "'", false));
    }
    ComposedMessage composed;
    try {
      composed = composer.compose(context);
    } catch (TemplateRenderException e) {
      // The template failed (a render limit stops it within its time): this recipient fails,
      // and a campaign whose template fails for nearly everyone pauses (which releases the rest).
      String error = "could not render: " + e.getMessage();
      brake.failed(campaign.id(), error);
      return Attempt.before(Outcome.failed(r.id(), error, false));
    } catch (UnavailableException e) {
      // No model trained yet (a trigger fired, or a campaign launched, before the first training):
      // nothing is wrong with this recipient; it waits, pending, and goes once a model serves.
      return Attempt.before(
          Outcome.deferred(
              r.id(),
              System.currentTimeMillis() + backoff(0),
              "waiting for a recommendation model: " + e.getMessage()));
    } catch (RuntimeException e) {
      return Attempt.before(Outcome.failed(r.id(), "could not render: " + e.getMessage(), false));
    }
    brake.rendered(campaign.id());
    // A row handed over before (a 4xx retry, an operator's resend) keeps its Message-ID, so that a
    // receiving server can tell a second copy from a new message.
    String messageId = r.messageId() != null ? r.messageId() : messageId(campaign, r);
    MimeMessage message;
    try {
      message =
          MimeMessages.build(
              smtp.session(), campaign.fromAddress(), campaign.fromName(), composed, messageId);
    } catch (HeaderInjectionException e) {
      return Attempt.before(Outcome.failed(r.id(), e.getMessage(), false));
    } catch (MessagingException e) {
      return Attempt.before(
          Outcome.failed(r.id(), "could not build the message: " + e.getMessage(), false));
    }
    if (campaignBucket != null) {
      campaignBucket.acquire();
    }
    HandOff handOff = new HandOff(log, unwritten, r.id(), messageId);
    SendOutcome sent = smtp.send(message, r.id(), handOff);
    if (!handOff.marked) {
      if (handOff.failed) {
        // The mark could not be written: nothing was sent, and nothing more is until it can be.
        return new Attempt(Outcome.released(r.id()), false, Stop.HAND_OFF);
      }
      if (handOff.called) {
        // Not ours any more (a sweep took this worker for dead): another worker may have it.
        return new Attempt(null, true, Stop.HAND_OFF);
      }
      // No connection: nothing went out.
      return new Attempt(
          Outcome.deferred(r.id(), System.currentTimeMillis() + backoff(0), sent.detail()),
          false,
          Stop.CONNECTION);
    }
    long now = System.currentTimeMillis();
    Outcome outcome =
        switch (sent.kind()) {
          case ACCEPTED -> Outcome.sent(r.id(), messageId, now);
          case PERMANENT ->
              Outcome.bounced(
                  r.id(), r.customerId(), composed.to(), sent.code() + " " + sent.detail());
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
                  "the connection failed during the send; it may have been accepted: "
                      + sent.detail());
          case NOT_SENT -> Outcome.deferred(r.id(), now + backoff(0), sent.detail());
        };
    return new Attempt(outcome, true, Stop.NONE);
  }

  /**
   * The commit made once a connection is in hand, just before the message goes out: the outcomes
   * gathered so far and the row's hand-off mark.
   */
  private static final class HandOff implements BooleanSupplier {
    private final DeliveryLog log;
    private final List<Outcome> unwritten;
    private final long recipientId;
    private final String messageId;
    boolean called;
    boolean marked;
    boolean failed;

    HandOff(DeliveryLog log, List<Outcome> unwritten, long recipientId, String messageId) {
      this.log = log;
      this.unwritten = unwritten;
      this.recipientId = recipientId;
      this.messageId = messageId;
    }

    @Override
    public boolean getAsBoolean() {
      called = true;
      try {
        marked = log.handing(List.copyOf(unwritten), recipientId, messageId);
      } catch (RuntimeException e) {
        LOG.warn("Could not mark recipient {} as handed over; not sending it", recipientId, e);
        failed = true;
        return false;
      }
      unwritten.clear();
      return marked;
    }
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
