package io.affinity.recommender.model;

import io.affinity.core.progress.JobProgress;
import io.affinity.core.progress.ProgressListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A training run and its progress, as the API shows it. */
public final class TrainingJob {
  /**
   * A snapshot of a job.
   *
   * @param phase what the job is doing now (reading events, indicators: purchase, ...)
   * @param progress the fraction of the current phase done, 0 to 1, or -1 when unknown
   * @param modelVersion the model it produced, once it succeeded
   */
  @Serdeable
  public record Status(
      long id,
      JobProgress.State state,
      @Nullable String phase,
      double progress,
      Instant createdAt,
      @Nullable Instant finishedAt,
      @Nullable Long modelVersion,
      @Nullable String error) {}

  private final long id;
  private final Instant createdAt = Instant.now();
  private final JobProgress tracker = new JobProgress();
  private volatile Long modelVersion;

  TrainingJob(long id) {
    this.id = id;
  }

  public long id() {
    return id;
  }

  /** Whether the job has ended, well or not. */
  public boolean isDone() {
    return tracker.isDone();
  }

  /** A snapshot for the API. */
  public Status status() {
    return new Status(
        id,
        tracker.state(),
        tracker.phase(),
        tracker.fraction(),
        createdAt,
        tracker.finishedAt(),
        modelVersion,
        tracker.error());
  }

  void running() {
    tracker.running();
  }

  void succeeded(long version) {
    modelVersion = version;
    tracker.succeeded();
  }

  void failed(String message) {
    tracker.failed(message);
  }

  /** The listener that training reports to. */
  ProgressListener progress() {
    return tracker.listener();
  }
}
