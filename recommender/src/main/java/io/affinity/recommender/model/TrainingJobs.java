package io.affinity.recommender.model;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
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
 * Runs training in the background, one run at a time, with progress that the API shows. A request
 * to train while a run is going returns that run instead of queueing another.
 */
@Singleton
public class TrainingJobs {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingJobs.class);

  private final ModelTrainer trainer;
  private final RecommenderConfiguration config;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "training");
            t.setDaemon(true);
            return t;
          });
  private final Map<Long, TrainingJob> jobs = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile TrainingJob running;

  public TrainingJobs(ModelTrainer trainer, RecommenderConfiguration config) {
    this.trainer = trainer;
    this.config = config;
  }

  /** Starts a run, or returns the one already running. */
  public synchronized TrainingJob start() {
    if (running != null && !running.isDone()) {
      return running;
    }
    TrainingJob job = new TrainingJob(ids.incrementAndGet());
    jobs.put(job.id(), job);
    running = job;
    executor.submit(() -> run(job));
    return job;
  }

  /** The job {@code id}, if it exists. */
  public Optional<TrainingJob> find(long id) {
    return Optional.ofNullable(jobs.get(id));
  }

  private void run(TrainingJob job) {
    job.running();
    try {
      ModelInfo model = trainer.train(job.progress());
      job.succeeded(model.version());
    } catch (RuntimeException e) {
      LOG.error("Training job {} failed", job.id(), e);
      job.failed(e.getMessage());
    }
  }

  /** Serves the newest model at start-up; trains one if none exists and that is configured. */
  @EventListener
  void onStartup(StartupEvent event) {
    if (!trainer.loadNewest() && config.isTrainOnStart() && trainer.hasEvents()) {
      LOG.info("No model yet: training one");
      start();
    }
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
