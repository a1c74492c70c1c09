package io.affinity.service.api;

/**
 * The thread pool of the shop's serving endpoints (recommendations and offers), configured under
 * {@code micronaut.executors.serving}: a fixed pool of 12 threads by default, not the blocking
 * pool's thread per concurrent request. Their work is CPU-bound (the Lucene query) around a short
 * database read, and threads beyond what keeps the cores busy only interleave requests: with 32
 * concurrent requests on 2 cores, 4-6 threads served about a third more requests per second than
 * 32. Since requests share history reads ({@code Coalescer}), a thread may wait for a read led by
 * another one, so a few more threads keep the cores busy meanwhile: 12 served 10-30% more than 4
 * (docs/benchmarks.md, "Recommendations over HTTP"). A waiting thread waits on a read that a
 * running thread of the pool is making, never on a queued task, so no pool size can deadlock.
 */
public final class ServingExecutor {
  /** The executor's name, for {@code @ExecuteOn}. */
  public static final String NAME = "serving";

  private ServingExecutor() {}
}
