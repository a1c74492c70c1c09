package io.affinity.recommender.evaluation;

import io.affinity.core.progress.ProgressListener;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the protocol: splits the file once, then for each algorithm in turn trains it, asks it for
 * {@code maxK} items for every test user in both modes, passes each answer through the same {@link
 * Candidates} handling and scores it at every cutoff; measures training time, evaluation time and
 * peak heap; finally compares the first algorithm (ours) with every other one, paired over
 * customers.
 *
 * <p>One list of {@code maxK} items is asked per user and mode; the metrics at a smaller k use its
 * first k items. Queries run in parallel on the common fork-join pool.
 */
public final class EvaluationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluationRunner.class);

  private final EvaluationConfig config;

  public EvaluationRunner(EvaluationConfig config) {
    this.config = config;
  }

  /** Splits {@code file} and evaluates every configured algorithm on it. */
  public EvaluationReport run(Path file, ProgressListener progress) {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    TemporalSplit split = TemporalSplit.read(file, config.splitAt(), config.testEnd(), progress);
    return run(split, file.getFileName().toString(), started, t0, progress);
  }

  /** Evaluates every configured algorithm on {@code split}. */
  public EvaluationReport run(TemporalSplit split, ProgressListener progress) {
    return run(split, null, Instant.now(), System.nanoTime(), progress);
  }

  private EvaluationReport run(
      TemporalSplit split, String fileName, Instant started, long t0, ProgressListener progress) {
    Candidates candidates = new Candidates(split);
    List<AlgorithmResult> results = new ArrayList<>();
    Map<String, Map<Mode, ModeScores>> scores = new java.util.LinkedHashMap<>();
    for (String name : config.algorithms()) {
      Map<Mode, ModeScores> byMode = new EnumMap<>(Mode.class);
      results.add(evaluate(name, split, candidates, byMode, progress));
      scores.put(name, byMode);
    }
    List<Comparison> comparisons = Comparisons.againstFirst(scores, config.ks());
    return new EvaluationReport(
        fileName,
        config,
        split.summary(),
        Machine.current(),
        started,
        (System.nanoTime() - t0) / 1_000_000,
        results,
        comparisons);
  }

  private AlgorithmResult evaluate(
      String name,
      TemporalSplit split,
      Candidates candidates,
      Map<Mode, ModeScores> byMode,
      ProgressListener progress) {
    int[] testUsers = split.testUsers();
    for (Mode mode : Mode.values()) {
      byMode.put(mode, new ModeScores(mode, config.ks(), testUsers.length, split.catalogueSize()));
    }
    try (Algorithm algorithm = AlgorithmCatalog.create(name, config)) {
      long baseline = HeapMeter.reset();
      long t0 = System.nanoTime();
      progress.start("Training " + name, -1);
      algorithm.train(split, progress);
      progress.finish();
      long trainingMillis = (System.nanoTime() - t0) / 1_000_000;
      long trainingPeak = HeapMeter.peak();
      long retained = Math.max(0, HeapMeter.reset() - baseline);

      long t1 = System.nanoTime();
      AtomicLong queries = new AtomicLong();
      AtomicLong done = new AtomicLong();
      int k = config.maxK();
      progress.start("Evaluating " + name, testUsers.length);
      IntStream.range(0, testUsers.length)
          .parallel()
          .forEach(
              t -> {
                int user = testUsers[t];
                for (Mode mode : Mode.values()) {
                  int[] truth = split.truth(t, mode);
                  if (truth.length == 0) {
                    continue; // no new item: skipped in the new-items mode
                  }
                  int[] proposed = algorithm.recommend(user, k, mode.includeKnown());
                  queries.incrementAndGet();
                  byMode
                      .get(mode)
                      .add(t, candidates.finish(proposed, user, k, mode.includeKnown()), truth);
                }
                if (done.incrementAndGet() % 50 == 0) {
                  progress.advance(50);
                }
              });
      progress.advance(done.get() % 50);
      progress.finish();
      long evaluationMillis = (System.nanoTime() - t1) / 1_000_000;
      long peak = Math.max(trainingPeak, HeapMeter.peak());
      Map<Mode, ModeResult> modes = new EnumMap<>(Mode.class);
      byMode.forEach((mode, s) -> modes.put(mode, s.result()));
      LOG.info(
          "{}: trained in {} ms, {} queries in {} ms",
          name,
          trainingMillis,
          queries.get(),
          evaluationMillis);
      return new AlgorithmResult(
          name,
          algorithm.description(),
          trainingMillis,
          evaluationMillis,
          queries.get(),
          baseline,
          trainingPeak,
          retained,
          peak,
          modes);
    }
  }
}
