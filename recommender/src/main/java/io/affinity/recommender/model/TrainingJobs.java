package io.affinity.recommender.model;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
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
  private final ModelRegistry registry;
  private final ModelHolder holder;
  private final TaskScheduler scheduler;
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

  public TrainingJobs(
      ModelTrainer trainer,
      RecommenderConfiguration config,
      ModelRegistry registry,
      ModelHolder holder,
      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
    this.trainer = trainer;
    this.config = config;
    this.registry = registry;
    this.holder = holder;
    this.scheduler = scheduler;
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

  /** The run started last (it may have ended), if any was started since this service started. */
  public Optional<TrainingJob> latest() {
    return Optional.ofNullable(running);
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

  /**
   * Serves the newest model at start-up, trains one if none exists and that is configured, and
   * schedules training when {@code affinity.recommender.schedule} (a cron expression) is set.
   */
  @EventListener
  void onStartup(StartupEvent event) {
    if (!trainer.loadNewest() && config.isTrainOnStart() && trainer.hasEvents()) {
      LOG.info("No model yet: training one");
      start();
    }
    if (config.getSchedule() != null && !config.getSchedule().isBlank()) {
      scheduler.schedule(config.getSchedule(), this::start);
      LOG.info("Training scheduled: {}", config.getSchedule());
    }
  }

  /**
   * Serves a newer model registered elsewhere (the {@code train} command, another node) within the
   * refresh interval.
   */
  @Scheduled(fixedDelay = "${affinity.recommender.refresh-interval:30s}", initialDelay = "30s")
  void refresh() {
    long served = holder.info().map(ModelInfo::version).orElse(0L);
    registry.newestActive().filter(m -> m.version() > served).ifPresent(m -> trainer.loadNewest());
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
