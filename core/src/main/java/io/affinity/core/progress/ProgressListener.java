package io.affinity.core.progress;

/**
 * Receives progress of a long task. The command line shows it as a progress bar, the API as a
 * progress field; the core only counts.
 */
public interface ProgressListener {
  /** A listener that ignores everything. */
  ProgressListener NONE = new ProgressListener() {};

  /** A new phase starts; {@code total} units of work are expected, or -1 when unknown. */
  default void start(String phase, long total) {}

  /** {@code units} more units of the current phase are done. */
  default void advance(long units) {}

  /** A short status text to show beside the bar. */
  default void message(String text) {}

  /** The current phase is finished. */
  default void finish() {}
}
