package io.affinity.service.api;

/**
 * The thread pool of the shop's serving endpoints (recommendations and offers), configured under
 * {@code micronaut.executors.serving}: a fixed pool of about twice the cores, not the blocking
 * pool's thread per concurrent request. Their work is CPU-bound (the Lucene query) around one short
 * database read, so more threads than cores only interleave requests: with 32 concurrent requests
 * on 2 cores, 4-6 threads served about a third more requests per second than 32, at half the p99
 * (docs/benchmarks.md, "Recommendations over HTTP"). Nothing they run waits on another task of the
 * same pool, so a small pool cannot deadlock.
 */
public final class ServingExecutor {
  /** The executor's name, for {@code @ExecuteOn}. */
  public static final String NAME = "serving";

  private ServingExecutor() {}
}
