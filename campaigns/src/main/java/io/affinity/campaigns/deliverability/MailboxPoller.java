package io.affinity.campaigns.deliverability;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the bounce mailbox every {@code poll-interval}: each DSN or ARF report is parsed ({@link
 * ReportMessages}), its reports recorded in one transaction ({@link DeliverabilityRecorder}), and
 * only then the message is deleted or moved. A message that is no report, or whose recording
 * failed, is left where it is (or moved to the unprocessed folder) and logged: never lost. Off
 * unless {@code affinity.deliverability.mailbox.host} is set; the HTTP service starts it.
 */
@Singleton
public class MailboxPoller {
  private static final Logger LOG = LoggerFactory.getLogger(MailboxPoller.class);

  private final MailboxConfiguration config;
  private final DeliverabilityRecorder recorder;
  private ScheduledExecutorService scheduler;

  public MailboxPoller(MailboxConfiguration config, DeliverabilityRecorder recorder) {
    this.config = config;
    this.recorder = recorder;
  }

  /** Starts polling, unless no host is configured; whether it started. */
  public synchronized boolean start() {
    if (scheduler != null) {
      return true;
    }
    if (!config.isEnabled()) {
      LOG.info("The bounce mailbox is not read: {}.host is not set", MailboxConfiguration.PREFIX);
      return false;
    }
    long every = Math.max(1000, config.getPollInterval().toMillis());
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bounce-mailbox");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(this::pollQuietly, 0, every, TimeUnit.MILLISECONDS);
    LOG.info(
        "Reading the bounce mailbox {}://{}/{} every {}",
        config.storeProtocol(),
        config.getHost(),
        config.getFolder(),
        config.getPollInterval());
    return true;
  }

  /** Stops polling (a pass under way finishes). */
  @PreDestroy
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdown();
      scheduler = null;
    }
  }

  private void pollQuietly() {
    try {
      PollResult r = pollOnce();
      if (r.read() > 0) {
        LOG.info(
            "Bounce mailbox: {} messages read, {} processed ({} reports), {} left",
            r.read(),
            r.processed(),
            r.reports().size(),
            r.left());
      }
    } catch (MessagingException | RuntimeException e) {
      LOG.warn(
          "Reading the bounce mailbox failed; trying again in {}", config.getPollInterval(), e);
    }
  }

  /** Reads the mailbox once: every message in the folder is processed or left. */
  public synchronized PollResult pollOnce() throws MessagingException {
    Session session = Session.getInstance(properties());
    Store store = session.getStore(config.storeProtocol());
    store.connect(config.getHost(), config.getPort(), config.getUsername(), config.getPassword());
    int read = 0;
    int processed = 0;
    int left = 0;
    List<ReportResult> results = new ArrayList<>();
    try {
      Folder folder = store.getFolder(config.getFolder());
      folder.open(Folder.READ_WRITE);
      boolean expunge = false;
      try {
        for (Message m : folder.getMessages()) {
          read++;
          Outcome o = process(store, folder, m, results);
          if (o == Outcome.PROCESSED) {
            processed++;
            expunge = true;
          } else {
            left++;
            expunge |= o == Outcome.MOVED_ASIDE;
          }
        }
      } finally {
        folder.close(expunge);
      }
    } finally {
      store.close();
    }
    return new PollResult(read, processed, left, List.copyOf(results));
  }

  private enum Outcome {
    PROCESSED,
    LEFT,
    MOVED_ASIDE
  }

  private Outcome process(Store store, Folder folder, Message m, List<ReportResult> results) {
    String id = describe(m);
    List<DeliveryReport> reports;
    try {
      // A copy read whole: the parts are then parsed locally, not fetched one by one.
      reports = ReportMessages.read(new MimeMessage((MimeMessage) m));
    } catch (ReportMessages.NotAReportException e) {
      LOG.info("Bounce mailbox: message {} is {}; left for a person", id, e.getMessage());
      return moveAside(store, folder, m, id);
    } catch (MessagingException | IOException | RuntimeException e) {
      LOG.warn("Bounce mailbox: message {} could not be parsed; left for a person", id, e);
      return moveAside(store, folder, m, id);
    }
    try {
      results.addAll(recorder.record(reports));
    } catch (RuntimeException e) {
      LOG.warn("Bounce mailbox: the reports of message {} could not be recorded; left", id, e);
      return Outcome.LEFT;
    }
    try {
      if (MailboxConfiguration.MOVE.equals(config.getProcessed())) {
        move(store, folder, m, config.getProcessedFolder());
      } else {
        m.setFlag(Flags.Flag.DELETED, true);
      }
      return Outcome.PROCESSED;
    } catch (MessagingException e) {
      // Recorded already; reading it again next time changes nothing (reports are idempotent).
      LOG.warn("Bounce mailbox: message {} was recorded but could not be removed", id, e);
      return Outcome.LEFT;
    }
  }

  private Outcome moveAside(Store store, Folder folder, Message m, String id) {
    String aside = config.getUnprocessedFolder();
    if (aside == null) {
      return Outcome.LEFT;
    }
    try {
      move(store, folder, m, aside);
      return Outcome.MOVED_ASIDE;
    } catch (MessagingException e) {
      LOG.warn("Bounce mailbox: message {} could not be moved to {}; left", id, aside, e);
      return Outcome.LEFT;
    }
  }

  /** Copies {@code m} into {@code name} (created if missing) and marks it deleted here. */
  private static void move(Store store, Folder from, Message m, String name)
      throws MessagingException {
    Folder target = store.getFolder(name);
    if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES)) {
      throw new MessagingException("cannot create the folder " + name);
    }
    from.copyMessages(new Message[] {m}, target);
    m.setFlag(Flags.Flag.DELETED, true);
  }

  private static String describe(Message m) {
    try {
      String[] ids = m.getHeader("Message-ID");
      return ids == null || ids.length == 0 ? "#" + m.getMessageNumber() : ids[0];
    } catch (MessagingException e) {
      return "#" + m.getMessageNumber();
    }
  }

  private Properties properties() {
    String p = "mail." + config.storeProtocol() + ".";
    String millis = String.valueOf(config.getTimeout().toMillis());
    Properties props = new Properties();
    props.setProperty(p + "connectiontimeout", millis);
    props.setProperty(p + "timeout", millis);
    return props;
  }
}
