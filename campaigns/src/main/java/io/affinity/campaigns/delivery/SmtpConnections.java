package io.affinity.campaigns.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A pool of connected SMTP {@link Transport}s to one server, shared by the sending threads, with
 * that server's token bucket. A connection is reused for message after message; after any failure
 * it is closed rather than trusted again.
 */
public final class SmtpConnections implements AutoCloseable {
  private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(SmtpConnections.class);

  static {
    // Jakarta Mail looks its StreamProvider up for every message it writes; without this property
    // that is a ServiceLoader scan of every jar on the classpath, per message (seen in profiles of
    // the send benchmark). The property makes it a Class.forName of Angus's provider.
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  private final MailConfiguration config;
  private final Session session;
  // Connections idle longer than this are checked with NOOP before use: a server may have closed
  // them, and a send failing on a dead connection could not tell whether anything was accepted.
  private static final long CHECK_AFTER_NANOS = 5_000_000_000L;

  private final BlockingQueue<Idle> idle;
  private final TokenBucket bucket;
  private final ReturnPaths returnPaths;

  /**
   * Connections to the server of {@code config}; messages go with their From as envelope sender.
   */
  public SmtpConnections(MailConfiguration config) {
    this(config, null);
  }

  /**
   * Connections to the server of {@code config}; messages sent with a recipient row get that row's
   * VERP envelope sender from {@code returnPaths} (when one is configured).
   */
  public SmtpConnections(MailConfiguration config, ReturnPaths returnPaths) {
    this.config = config;
    this.returnPaths = returnPaths;
    this.session = Session.getInstance(properties(config));
    this.idle = new ArrayBlockingQueue<>(config.getPoolSize());
    this.bucket = new TokenBucket(config.getRatePerSecond(), Math.max(1, config.getPoolSize()));
  }

  /** The mail session messages are built in. */
  public Session session() {
    return session;
  }

  /** This server's rate limit. */
  public TokenBucket bucket() {
    return bucket;
  }

  /**
   * Sends {@code message} to recipient row {@code recipientId}: with a return path configured, its
   * envelope sender is the row's VERP address, so that a late bounce names the row.
   */
  public SendOutcome send(MimeMessage message, long recipientId) throws InterruptedException {
    return send(message, recipientId, () -> true);
  }

  /**
   * Sends {@code message} to recipient row {@code recipientId} as {@link #send(MimeMessage, long)}
   * does, calling {@code handOff} once a connection and a permit are in hand, just before the
   * message goes out: if it returns false (or throws), nothing is sent and the outcome is {@link
   * SendOutcome.Kind#NOT_SENT}.
   */
  public SendOutcome send(
      MimeMessage message, long recipientId, java.util.function.BooleanSupplier handOff)
      throws InterruptedException {
    if (returnPaths != null && returnPaths.isEnabled()) {
      MimeMessages.setEnvelopeSender(message, returnPaths.address(recipientId));
    }
    return send(message, handOff);
  }

  /**
   * Sends {@code message} over a pooled connection after taking a permit from the bucket.
   *
   * @return accepted, or why not; {@link SendOutcome.Kind#NOT_SENT} when no connection could be
   *     opened (nothing went out)
   */
  public SendOutcome send(MimeMessage message) throws InterruptedException {
    return send(message, () -> true);
  }

  private SendOutcome send(MimeMessage message, java.util.function.BooleanSupplier handOff)
      throws InterruptedException {
    Transport t;
    try {
      t = borrow();
    } catch (MessagingException e) {
      LOG.warn(
          "Cannot connect to SMTP server {}:{}: {}",
          config.getHost(),
          config.getPort(),
          e.toString());
      return new SendOutcome(SendOutcome.Kind.NOT_SENT, 0, "cannot connect: " + e.getMessage());
    }
    bucket.acquire();
    boolean handed;
    try {
      handed = handOff.getAsBoolean();
    } catch (RuntimeException e) {
      release(t);
      throw e;
    }
    if (!handed) {
      release(t);
      return new SendOutcome(SendOutcome.Kind.NOT_SENT, 0, "not handed over");
    }
    try {
      // The envelope names the To address only, whatever other headers a message might carry.
      t.sendMessage(message, message.getRecipients(jakarta.mail.Message.RecipientType.TO));
      release(t);
      bucket.recover();
      return SendOutcome.accepted();
    } catch (MessagingException e) {
      close(t);
      SendOutcome outcome = SmtpReplies.classify(e);
      if (outcome.kind() == SendOutcome.Kind.TEMPORARY) {
        bucket.slowDown();
      }
      return outcome;
    } catch (RuntimeException e) {
      close(t);
      return new SendOutcome(SendOutcome.Kind.UNKNOWN, 0, String.valueOf(e));
    }
  }

  /** A pooled connection and when it was last used. */
  private record Idle(Transport transport, long sinceNanos) {}

  private Transport borrow() throws MessagingException {
    Idle i;
    while ((i = idle.poll()) != null) {
      if (System.nanoTime() - i.sinceNanos() < CHECK_AFTER_NANOS || i.transport().isConnected()) {
        return i.transport();
      }
      close(i.transport());
    }
    Transport t = session.getTransport(config.isSsl() ? "smtps" : "smtp");
    t.connect(config.getHost(), config.getPort(), config.getUsername(), config.getPassword());
    return t;
  }

  private void release(Transport t) {
    if (!idle.offer(new Idle(t, System.nanoTime()))) {
      close(t);
    }
  }

  private static void close(Transport t) {
    try {
      t.close();
    } catch (MessagingException | RuntimeException ignored) {
      // The connection is being thrown away; a failed QUIT changes nothing.
    }
  }

  @Override
  public void close() {
    Idle i;
    while ((i = idle.poll()) != null) {
      close(i.transport());
    }
  }

  private static Properties properties(MailConfiguration c) {
    String p = c.isSsl() ? "mail.smtps." : "mail.smtp.";
    Properties props = new Properties();
    String millis = String.valueOf(c.getTimeout().toMillis());
    props.setProperty(p + "connectiontimeout", millis);
    props.setProperty(p + "timeout", millis);
    // No writetimeout: Angus implements it with a scheduled task per write, which costs more than
    // the write; a stuck server is caught by the read timeout of the reply.
    props.setProperty(p + "auth", String.valueOf(c.getUsername() != null));
    if (c.isStarttls()) {
      props.setProperty(p + "starttls.enable", "true");
      props.setProperty(p + "starttls.required", "true");
    }
    if (c.getHeloName() != null) {
      props.setProperty(p + "localhost", c.getHeloName());
    }
    return props;
  }
}
