package io.affinity.core.value;

import io.affinity.core.progress.ProgressListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A full recompute of customer value running in the background, and its progress. */
public final class RecomputeJob {
  /** The states a job goes through. */
  public enum State {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED
  }

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
      State state,
      @Nullable String phase,
      double progress,
      Instant createdAt,
      @Nullable Instant finishedAt,
      @Nullable RecomputeSummary result,
      @Nullable String error) {}

  private final long id;
  private final Instant createdAt = Instant.now();
  private final AtomicLong done = new AtomicLong();
  private volatile State state = State.QUEUED;
  private volatile String phase;
  private volatile long total = -1;
  private volatile Instant finishedAt;
  private volatile RecomputeSummary result;
  private volatile String error;

  RecomputeJob(long id) {
    this.id = id;
  }

  public long id() {
    return id;
  }

  /** Whether the job has ended, well or not. */
  public boolean isDone() {
    return state == State.SUCCEEDED || state == State.FAILED;
  }

  /** A snapshot for the API. */
  public Status status() {
    long t = total;
    double fraction = t > 0 ? Math.min(1.0, (double) done.get() / t) : (isDone() ? 1.0 : -1);
    return new Status(id, state, phase, fraction, createdAt, finishedAt, result, error);
  }

  void running() {
    state = State.RUNNING;
  }

  void succeeded(RecomputeSummary summary) {
    result = summary;
    finishedAt = Instant.now();
    state = State.SUCCEEDED;
  }

  void failed(String message) {
    error = message;
    finishedAt = Instant.now();
    state = State.FAILED;
  }

  ProgressListener progress() {
    return new ProgressListener() {
      @Override
      public void start(String name, long units) {
        phase = name;
        total = units;
        done.set(0);
      }

      @Override
      public void advance(long units) {
        done.addAndGet(units);
      }
    };
  }
}
