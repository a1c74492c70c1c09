package io.affinity.recommender.evaluation;

import io.affinity.core.progress.ProgressListener;

/**
 * A recommender under evaluation. The runner calls {@link #train} once, then {@link #recommend} for
 * every test user and mode, possibly from several threads at once, then {@link #close}.
 */
public interface Algorithm extends AutoCloseable {
  /** A short name for tables and the command line: {@code affinity}, {@code item-based}, ... */
  String name();

  /** One line for the report: what it is and its parameters. */
  String description();

  /** Learns from the training part of {@code split}; nothing of the test part may be read. */
  void train(TemporalSplit split, ProgressListener progress);

  /**
   * Up to {@code k} distinct catalogue items for {@code user}, best first.
   *
   * @param includeKnown whether the user's training purchases may be recommended; if false, none of
   *     them may be
   */
  int[] recommend(int user, int k, boolean includeKnown);

  /** Releases what training built (files, indexes). */
  @Override
  default void close() {}
}
