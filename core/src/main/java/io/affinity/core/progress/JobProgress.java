package io.affinity.core.progress;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of a background job (training, a customer-value recompute) and the progress of its
 * current phase, as its API status shows them. Written by the job's thread, read by requests.
 */
public final class JobProgress {
  /** The states a job goes through. */
  public enum State {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  private final AtomicLong done = new AtomicLong();
  private volatile State state = State.QUEUED;
  private volatile String phase;
  private volatile long total = -1;
  private volatile Instant finishedAt;
  private volatile String error;

  public State state() {
    return state;
  }

  /** What the job is doing now, as its last {@link ProgressListener#start} named it. */
  public String phase() {
    return phase;
  }

  /** The fraction of the current phase done, 0 to 1, or -1 when unknown. */
  public double fraction() {
    long t = total;
    return t > 0 ? Math.min(1.0, (double) done.get() / t) : (isDone() ? 1.0 : -1);
  }

  public Instant finishedAt() {
    return finishedAt;
  }

  public String error() {
    return error;
  }

  /** Whether the job has ended, well or not. */
  public boolean isDone() {
    State s = state;
    return s == State.SUCCEEDED || s == State.FAILED;
  }

  public void running() {
    state = State.RUNNING;
  }

  /**
   * Marks the job done; its result must be stored before, so that a reader seeing the state sees
   * it.
   */
  public void succeeded() {
    finishedAt = Instant.now();
    state = State.SUCCEEDED;
  }

  public void failed(String message) {
    error = message;
    finishedAt = Instant.now();
    state = State.FAILED;
  }

  /** The listener the job's work reports to. */
  public ProgressListener listener() {
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
