package io.affinity.campaigns.delivery;

import io.affinity.campaigns.campaign.Campaign;
import io.affinity.campaigns.campaign.CampaignService;
import io.affinity.campaigns.campaign.CampaignStarted;
import io.affinity.campaigns.campaign.CampaignStatus;
import io.affinity.campaigns.campaign.CampaignStopped;
import io.affinity.campaigns.compose.MessageComposer;
import io.micronaut.context.BeanProvider;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends running campaigns from this process: {@code pool-size} sending threads, each claiming a
 * batch from a running campaign, sending it and recording the outcomes; a heartbeat thread that
 * tells other engines this worker is alive; and a maintenance thread that starts scheduled
 * campaigns when due, cleans up after dead workers (their rows handed to SMTP become ambiguous, the
 * rest of their claims pending again), and finishes campaigns with nothing left to send. Several
 * processes may run engines on one database: claims keep them apart. The heartbeat has a thread of
 * its own so that a slow maintenance pass (a lock wait, a large sweep) cannot make this worker look
 * dead to the others, who would then report its claims in flight as ambiguous.
 *
 * <p>Not started by itself: the HTTP service starts it (CLI commands such as an import must not
 * send mail), tests start it when they want delivery.
 */
@Singleton
public class DeliveryEngine {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryEngine.class);

  private final MailConfiguration config;
  private final CampaignService campaigns;
  private final RecipientClaims claims;
  private final WorkerRegistry workers;
  private final BeanProvider<MessageComposer> composer;
  private final ReturnPaths returnPaths;
  private final String workerId;
  private final Map<Long, Campaign> running = new ConcurrentHashMap<>();
  private final Map<Long, TokenBucket> campaignBuckets = new ConcurrentHashMap<>();
  private final TemplateFailureBrake brake = new TemplateFailureBrake(this::pauseForTemplate);
  private final Object wake = new Object();
  private final AtomicInteger turn = new AtomicInteger();
  private volatile boolean active;
  private SmtpConnections smtp;
  private ScheduledExecutorService maintenance;
  private ScheduledExecutorService heartbeats;
  private List<Thread> senders = List.of();

  /** An engine whose messages go with their From address as envelope sender (no VERP). */
  public DeliveryEngine(
      MailConfiguration config,
      CampaignService campaigns,
      RecipientClaims claims,
      WorkerRegistry workers,
      BeanProvider<MessageComposer> composer) {
    this(config, campaigns, claims, workers, composer, null);
  }

  /** An engine whose messages carry VERP envelope senders when a return path is configured. */
  @jakarta.inject.Inject
  public DeliveryEngine(
      MailConfiguration config,
      CampaignService campaigns,
      RecipientClaims claims,
      WorkerRegistry workers,
      BeanProvider<MessageComposer> composer,
      ReturnPaths returnPaths) {
    this.config = config;
    this.returnPaths = returnPaths;
    this.campaigns = campaigns;
    this.claims = claims;
    this.workers = workers;
    this.composer = composer;
    this.workerId = host() + "-" + ProcessHandle.current().pid() + "-" + shortId();
  }

  /** The id this process claims recipients under. */
  public String workerId() {
    return workerId;
  }

  /** Whether the engine is sending. */
  public boolean isActive() {
    return active;
  }

  /**
   * Starts sending, unless sending is disabled or no composer is installed (then it logs why).
   *
   * @return whether it started
   */
  public synchronized boolean start() {
    if (active) {
      return true;
    }
    if (!config.isEnabled() || !composer.isPresent()) {
      LOG.info(
          "Campaign delivery is off: {}",
          config.isEnabled() ? "no message composer" : "affinity.mail.host is not set");
      return false;
    }
    workers.register(workerId, host(), System.currentTimeMillis());
    smtp = new SmtpConnections(config, returnPaths);
    active = true;
    long poll = Math.max(50, config.getPollInterval().toMillis());
    long beat = Math.max(50, config.getWorkerLease().toMillis() / 3);
    heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "delivery-heartbeat-" + workerId));
    heartbeats.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    maintenance =
        Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "delivery-maintenance-" + workerId));
    maintenance.scheduleWithFixedDelay(this::maintain, 0, poll, TimeUnit.MILLISECONDS);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < config.getPoolSize(); i++) {
      Thread t = new Thread(this::sendLoop, "delivery-sender-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    senders = threads;
    LOG.info(
        "Campaign delivery started as worker {} ({} connections to {}:{}, {}/s)",
        workerId,
        config.getPoolSize(),
        config.getHost(),
        config.getPort(),
        config.getRatePerSecond());
    return true;
  }

  /** Stops claiming, lets each sending thread finish its batch, and closes the connections. */
  @PreDestroy
  public synchronized void stop() {
    if (!active) {
      return;
    }
    active = false;
    synchronized (wake) {
      wake.notifyAll();
    }
    for (Thread t : senders) {
      try {
        t.join(config.getTimeout().toMillis() * 2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    maintenance.shutdownNow();
    heartbeats.shutdownNow();
    smtp.close();
    try {
      workers.unregister(workerId);
    } catch (RuntimeException e) {
      LOG.warn("Could not unregister delivery worker {}", workerId, e);
    }
  }

  /** Wakes the senders at once when a campaign starts or resumes on this instance. */
  @EventListener
  void onStarted(CampaignStarted event) {
    if (active) {
      campaigns.campaign(event.campaignId()).ifPresent(this::track);
    }
  }

  /**
   * Stops working on a campaign paused or cancelled on this instance at once: each sending thread
   * releases the rest of its batch of it after the message in hand. (A maintenance pass that read
   * the campaign as running just before may add it back; the next pass drops it, and its claims are
   * refused meanwhile.)
   */
  @EventListener
  void onStopped(CampaignStopped event) {
    running.remove(event.campaignId());
    campaignBuckets.remove(event.campaignId());
  }

  /** The rate this instance's server bucket allows now (lowered after 4xx replies). */
  public double currentServerRate() {
    return smtp == null ? 0 : smtp.bucket().rate();
  }

  private void track(Campaign c) {
    if (c.status() == CampaignStatus.RUNNING) {
      running.put(c.id(), c);
      if (c.sendRatePerSecond() != null) {
        campaignBuckets.computeIfAbsent(
            c.id(), id -> new TokenBucket(c.sendRatePerSecond().doubleValue(), 1));
      }
      synchronized (wake) {
        wake.notifyAll();
      }
    }
  }

  private void heartbeat() {
    try {
      workers.heartbeat(workerId, System.currentTimeMillis());
    } catch (RuntimeException e) {
      LOG.warn("Heartbeat of delivery worker {} failed", workerId, e);
    }
  }

  /** Starts due campaigns, refreshes the running set, cleans up dead workers' claims. */
  private void maintain() {
    try {
      long now = System.currentTimeMillis();
      campaigns.startDue(now);
      long aliveSince = now - config.getWorkerLease().toMillis();
      List<Long> live = campaigns.idsIn(CampaignStatus.RUNNING);
      for (long id : live) {
        sweep(id, aliveSince);
        if (!running.containsKey(id)) {
          campaigns.campaign(id).ifPresent(this::track);
        }
      }
      for (long id : campaigns.idsIn(CampaignStatus.PAUSED)) {
        sweep(id, aliveSince);
      }
      // Every campaign of a worker found dead, whatever its status (a cancelled one's too).
      report("a stopped worker", workers.sweepDead(aliveSince, workerId));
      running.keySet().retainAll(live);
      campaignBuckets.keySet().retainAll(live);
      brake.retain(live);
    } catch (RuntimeException e) {
      LOG.warn("Delivery maintenance failed; retrying at the next poll", e);
    }
  }

  /** Pauses a campaign whose template fails for most of its first recipients. */
  private void pauseForTemplate(long campaignId, String reason) {
    // Stop this engine's other sending threads at their next recipient, before the pause is
    // written, not at the next poll: a template that fails fast would otherwise fail a batch more
    // in between. Should the pause not be written, the next poll finds the campaign running again.
    running.remove(campaignId);
    try {
      if (campaigns.pauseBecause(campaignId, reason)) {
        LOG.warn("Campaign {} paused itself. {}", campaignId, reason);
      }
    } catch (RuntimeException e) {
      // Its recipients keep failing one by one; the next failure past the count does not retry.
      LOG.warn("Campaign {}: could not pause it after template failures", campaignId, e);
    }
  }

  private void sweep(long campaignId, long aliveSince) {
    // Never this engine's own claims: it knows they are in flight, whatever its heartbeat says.
    report("campaign " + campaignId, workers.sweep(campaignId, aliveSince, workerId));
  }

  private static void report(String where, WorkerRegistry.Swept swept) {
    if (swept.ambiguous() > 0 || swept.released() > 0) {
      LOG.warn(
          "{}: {} recipient(s) handed to SMTP by a stopped worker are now ambiguous (resent only"
              + " when an operator asks); {} it had claimed but not handed over are pending again",
          where,
          swept.ambiguous(),
          swept.released());
    }
  }

  private void sendLoop() {
    BatchSender sender = new BatchSender(config, smtp, composer.get(), brake);
    while (active) {
      try {
        if (!sendOneBatch(sender)) {
          synchronized (wake) {
            if (active) {
              wake.wait(Math.max(50, config.getPollInterval().toMillis()));
            }
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("Sending failed; retrying after the poll interval", e);
        try {
          Thread.sleep(Math.max(50, config.getPollInterval().toMillis()));
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** Claims and sends one batch of some running campaign; false when none had work. */
  private boolean sendOneBatch(BatchSender sender) throws InterruptedException {
    List<Campaign> list = new ArrayList<>(running.values());
    if (list.isEmpty()) {
      return false;
    }
    int start = Math.floorMod(turn.getAndIncrement(), list.size());
    for (int i = 0; i < list.size() && active; i++) {
      Campaign c = list.get((start + i) % list.size());
      List<ClaimedRecipient> batch =
          claims.claim(c.id(), workerId, config.getBatchSize(), System.currentTimeMillis());
      if (batch.isEmpty()) {
        if (claims.nextDue(c.id()) < 0 && campaigns.finishIfDone(c.id())) {
          running.remove(c.id());
          LOG.info("Campaign {} finished", c.id());
        }
        continue;
      }
      sender.send(
          c,
          batch,
          () -> active && running.containsKey(c.id()),
          campaignBuckets.get(c.id()),
          new DeliveryLog() {
            @Override
            public boolean handing(List<Outcome> outcomes, long recipientId, String messageId) {
              return claims.handing(
                  c.id(), workerId, outcomes, recipientId, messageId, System.currentTimeMillis());
            }

            @Override
            public void record(List<Outcome> outcomes) {
              DeliveryEngine.this.record(c.id(), outcomes);
            }
          });
      return true;
    }
    return false;
  }

  /**
   * Records outcomes, retrying for up to a minute if the database fails: these messages were sent
   * (or not) and only a record tells. If it still fails, the rows stay as they are: when this
   * worker stops, a row handed over becomes ambiguous, one never handed over pending again.
   */
  private void record(long campaignId, List<Outcome> outcomes) {
    for (int attempt = 1; ; attempt++) {
      try {
        claims.record(campaignId, workerId, outcomes);
        return;
      } catch (RuntimeException e) {
        if (attempt >= 60) {
          LOG.error(
              "Campaign {}: could not record {} outcome(s); they stay claimed",
              campaignId,
              outcomes.size(),
              e);
          return;
        }
        LOG.warn("Campaign {}: recording outcomes failed, retrying: {}", campaignId, e.toString());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown-host";
    }
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
