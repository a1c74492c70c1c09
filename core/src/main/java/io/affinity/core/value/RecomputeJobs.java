package io.affinity.core.value;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs full recomputes in the background, one at a time: a request while one runs gets that run.
 */
@Singleton
public class RecomputeJobs {
  private static final Logger LOG = LoggerFactory.getLogger(RecomputeJobs.class);
  private static final int KEPT = 100;

  private final CustomerValueService values;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "customer-value");
            t.setDaemon(true);
            return t;
          });
  private final Map<Long, RecomputeJob> jobs = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private RecomputeJob running;

  public RecomputeJobs(CustomerValueService values) {
    this.values = values;
  }

  /** Starts a run, or returns the one already going. */
  public synchronized RecomputeJob start() {
    if (running != null && !running.isDone()) {
      return running;
    }
    RecomputeJob job = new RecomputeJob(ids.incrementAndGet());
    jobs.put(job.id(), job);
    jobs.keySet().removeIf(id -> id <= job.id() - KEPT);
    running = job;
    executor.submit(() -> run(job));
    return job;
  }

  /** The job {@code id}, if it is one of the last {@value #KEPT}. */
  public Optional<RecomputeJob> find(long id) {
    return Optional.ofNullable(jobs.get(id));
  }

  private void run(RecomputeJob job) {
    job.running();
    try {
      job.succeeded(values.recomputeAll(job.progress()));
    } catch (RuntimeException e) {
      LOG.error("Customer value recompute {} failed", job.id(), e);
      job.failed(e.getMessage());
    }
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
