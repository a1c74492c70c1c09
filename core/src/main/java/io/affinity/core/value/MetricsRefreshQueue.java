package io.affinity.core.value;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongIterator;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customers whose metrics are stale after an ingest, refreshed in the background in batches.
 *
 * <p>Why a queue and not an update inside the ingest transaction: recomputing a customer reads all
 * their events, which costs far more than writing a batch, and a busy customer appears in batch
 * after batch. The ingest only adds ids to a set (microseconds); a worker waits a moment so that
 * ids from many batches coalesce, then refreshes up to {@value #BATCH} customers per transaction.
 * Metrics lag ingest by about {@code affinity.value.refresh-delay} (default 500 ms) when ingest is
 * light.
 *
 * <p>Under heavy ingest the refresh would compete with it for the database: the worker spends at
 * most {@code affinity.value.refresh-share} (default 0.2) of its time refreshing, resting after
 * each batch in proportion to how long the batch took. Ingest keeps its speed and metrics lag more
 * (the set of pending ids also coalesces better) until the load drops.
 *
 * <p>Off in the command-line environment ({@value #CLI_ENVIRONMENT}): its imports and generators
 * are bulk loads, where refreshing customer by customer doubled the time of the Online Retail
 * import; {@code affinity customer-value} recomputes everyone afterwards in one pass.
 *
 * <p>Pending ids live in memory: a crash loses them, and the next full recompute repairs that. When
 * more than {@value #MAX_PENDING} are pending (a bulk import), the set is dropped with a warning:
 * after a bulk load, a full recompute is cheaper than millions of single refreshes.
 */
@Singleton
public class MetricsRefreshQueue {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsRefreshQueue.class);
  private static final int BATCH = 2_000;
  private static final int MAX_PENDING = 1_000_000;

  /** The Micronaut environment of the command-line tools (see the service's CommandContext). */
  static final String CLI_ENVIRONMENT = "cli";

  private final CustomerValueService values;
  private final boolean enabled;
  private final long delayMillis;
  private final double share;
  private final Object lock = new Object();
  private final LongOpenHashSet pending = new LongOpenHashSet();
  private int inFlight;
  private boolean flush;
  private Thread worker;
  private volatile boolean stopped;

  public MetricsRefreshQueue(
      CustomerValueService values,
      @Value("${affinity.value.incremental:true}") boolean enabled,
      @Value("${affinity.value.refresh-delay:500ms}") Duration delay,
      @Value("${affinity.value.refresh-share:0.2}") double share,
      Environment environment) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException(
          "affinity.value.refresh-share must be in (0, 1], got " + share);
    }
    this.values = values;
    this.enabled = enabled && !environment.getActiveNames().contains(CLI_ENVIRONMENT);
    this.delayMillis = delay.toMillis();
    this.share = share;
  }

  /** Marks {@code customerIds} stale; returns at once. */
  public void enqueue(LongArrayList customerIds) {
    if (!enabled || customerIds.isEmpty()) {
      return;
    }
    synchronized (lock) {
      if (pending.size() + customerIds.size() > MAX_PENDING) {
        LOG.warn(
            "Over {} customers wait for a metrics refresh: dropped; run a full recompute",
            MAX_PENDING);
        pending.clear();
        return;
      }
      pending.addAll(customerIds);
      if (worker == null) {
        worker = new Thread(this::run, "metrics-refresh");
        worker.setDaemon(true);
        worker.start();
      }
      lock.notifyAll();
    }
  }

  /**
   * Waits until every customer enqueued so far is refreshed, or {@code timeout} passes; returns
   * whether the queue is idle. For tests and for commands that must see fresh metrics.
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      flush = true; // skip the coalescing delay and the rest
      lock.notifyAll();
      while (!pending.isEmpty() || inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  private void run() {
    long rest = delayMillis;
    while (!stopped) {
      List<Long> batch;
      synchronized (lock) {
        try {
          while (pending.isEmpty() && !stopped) {
            lock.wait();
          }
          // Let more ids arrive (and the database breathe); only awaitIdle cuts this short.
          long until = System.currentTimeMillis() + rest;
          for (long left = rest; left > 0 && !flush && !stopped; ) {
            lock.wait(left);
            left = until - System.currentTimeMillis();
          }
        } catch (InterruptedException e) {
          return;
        }
        batch = new ArrayList<>(Math.min(BATCH, pending.size()));
        for (LongIterator it = pending.iterator(); it.hasNext() && batch.size() < BATCH; ) {
          batch.add(it.nextLong());
          it.remove();
        }
        inFlight = batch.size();
        if (pending.isEmpty()) {
          flush = false;
        }
      }
      long started = System.nanoTime();
      try {
        values.refresh(batch);
      } catch (RuntimeException e) {
        if (stopped) {
          return; // shutting down: the database may already be closed
        }
        LOG.warn(
            "Metrics refresh of {} customers failed; a full recompute repairs it", batch.size(), e);
      } finally {
        long took = (System.nanoTime() - started) / 1_000_000;
        rest = Math.max(delayMillis, (long) (took * (1 / share - 1)));
        synchronized (lock) {
          inFlight = 0;
          lock.notifyAll();
        }
      }
    }
  }

  @PreDestroy
  void stop() throws InterruptedException {
    Thread running;
    synchronized (lock) {
      stopped = true;
      lock.notifyAll();
      running = worker;
    }
    if (running != null) {
      running.join(5_000); // let a refresh in progress commit before the database closes
    }
  }
}
