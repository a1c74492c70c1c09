package io.affinity.service.api.triggers;

import io.affinity.campaigns.triggers.TriggerConfiguration;
import io.affinity.campaigns.triggers.TriggerEvaluator;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates triggers every {@code affinity.triggers.poll-interval} once the HTTP service has
 * started (like delivery, not in CLI commands: an import must not fire triggers as it goes).
 * Several instances may poll one database: the evaluator's lock keeps them from evaluating the same
 * events. Off with {@code affinity.triggers.enabled: false}.
 */
@Singleton
public class TriggerPoller {
  private static final Logger LOG = LoggerFactory.getLogger(TriggerPoller.class);

  private final TriggerEvaluator evaluator;
  private final TriggerConfiguration config;
  private ScheduledExecutorService schedule;

  public TriggerPoller(TriggerEvaluator evaluator, TriggerConfiguration config) {
    this.evaluator = evaluator;
    this.config = config;
  }

  @EventListener
  synchronized void onServerStarted(ServerStartupEvent event) {
    if (!config.isEnabled() || schedule != null) {
      return;
    }
    long every = Math.max(100, config.getPollInterval().toMillis());
    schedule = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "trigger-poller"));
    schedule.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    LOG.info("Household triggers are evaluated every {} ms", every);
  }

  private void poll() {
    try {
      evaluator.evaluateNow();
    } catch (RuntimeException e) {
      // Nothing was committed for the failed step; the next poll starts from the watermark.
      LOG.warn("Trigger evaluation failed; retrying at the next poll", e);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (schedule != null) {
      schedule.shutdownNow();
      schedule = null;
    }
  }
}
