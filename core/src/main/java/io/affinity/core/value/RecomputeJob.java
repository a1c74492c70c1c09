package io.affinity.core.value;

import io.affinity.core.progress.JobProgress;
import io.affinity.core.progress.ProgressListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A full recompute of customer value running in the background, and its progress. */
public final class RecomputeJob {
  /**
   * A snapshot of a job.
   *
   * @param phase what the job is doing now (reading events, fitting models, scoring, writing)
   * @param progress the fraction of the current phase done, 0 to 1, or -1 when unknown
   * @param result what the run did, once it succeeded
   */
  @Serdeable
  public record Status(
      long id,
      JobProgress.State state,
      @Nullable String phase,
      double progress,
      Instant createdAt,
      @Nullable Instant finishedAt,
      @Nullable RecomputeSummary result,
      @Nullable String error) {}

  private final long id;
  private final Instant createdAt = Instant.now();
  private final JobProgress tracker = new JobProgress();
  private volatile RecomputeSummary result;

  RecomputeJob(long id) {
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
        result,
        tracker.error());
  }

  void running() {
    tracker.running();
  }

  void succeeded(RecomputeSummary summary) {
    result = summary;
    tracker.succeeded();
  }

  void failed(String message) {
    tracker.failed(message);
  }

  /** The listener that the recompute reports to. */
  ProgressListener progress() {
    return tracker.listener();
  }
}
