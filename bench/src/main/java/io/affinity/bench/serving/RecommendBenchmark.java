package io.affinity.bench.serving;

import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.recommender.offers.OfferConfiguration;
import io.affinity.recommender.offers.OfferEngine;
import io.affinity.recommender.offers.OfferList;
import io.affinity.recommender.offers.OfferService;
import io.affinity.recommender.serving.History;
import io.affinity.recommender.serving.RecommendationList;
import io.affinity.recommender.serving.Recommender;
import io.affinity.recommender.serving.Rules;
import io.affinity.recommender.training.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.recommender.RecommendedItem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One recommendation, in process: our Lucene query of a customer's history against Mahout Taste's
 * {@code GenericBooleanPrefItemBasedRecommender} (log-likelihood similarity) on the same purchases.
 * Sample-time mode reports p50 and p99.
 *
 * <pre>
 * java -Xmx12g -cp bench/target/affinity-bench.jar:$(cat bench/target/classpath.txt) \
 *   org.openjdk.jmh.Main RecommendBenchmark -p customers=1000000 -p products=100000 -p events=10000000
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class RecommendBenchmark {
  @Param("1000000")
  int customers;

  @Param("100000")
  int products;

  @Param("10000000")
  long events;

  /** {@link Recommender.Tuning#clausesPerSignal()} of {@code ours}. */
  @Param("100")
  int clausesPerSignal;

  private ServingFixture fixture;
  private Recommender recommender;
  private OfferService offers;
  private TasteBaseline taste;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path dir = Files.createTempDirectory("affinity-bench");
    fixture =
        ServingFixture.build(
            ShopSpec.of(customers, products, events, 1), dir, ProgressListener.NONE);
    recommender =
        new Recommender(
            fixture.holder,
            new Recommender.Tuning(Recommender.Tuning.DEFAULT_REPEAT_WEIGHT, clausesPerSignal));
    taste = new TasteBaseline(fixture.data);
    // Offers for a basket need no database: the customer-related collaborators stay unused.
    offers =
        new OfferService(
            new OfferEngine(fixture.holder), null, null, null, new OfferConfiguration());
    System.out.printf(
        "Training %.1f s, indexing %.1f s, peak heap %.2f GiB; %d sample customers%n",
        fixture.trainMillis / 1000.0,
        fixture.indexMillis / 1000.0,
        fixture.peakHeapBytes / (double) (1L << 30),
        fixture.histories.size());
    // What the query's cost grows with: its clauses (distinct items over all signals, capped).
    int[] clauses =
        fixture.histories.stream()
            .mapToInt(
                s ->
                    EnumSet.allOf(Signal.class).stream()
                        .mapToInt(g -> Math.min(clausesPerSignal, s.history().of(g).size()))
                        .sum())
            .sorted()
            .toArray();
    System.out.printf(
        "Clauses per query: mean %.1f, p50 %d, p90 %d, p99 %d, max %d%n",
        java.util.Arrays.stream(clauses).average().orElse(0),
        clauses[clauses.length / 2],
        clauses[clauses.length * 9 / 10],
        clauses[clauses.length * 99 / 100],
        clauses[clauses.length - 1]);
  }

  private int nextSample() {
    next = (next + 1) % fixture.histories.size();
    return next;
  }

  /** Our recommender: 10 items for a sampled customer, already-bought items excluded. */
  @Benchmark
  public RecommendationList ours() {
    History h = fixture.histories.get(nextSample()).history();
    return recommender.recommend(
        h, EnumSet.allOf(Signal.class), Rules.defaults(), h.of(Signal.PURCHASE), 10);
  }

  /** Cross-sell and upsell offers for a sampled customer's latest purchases as a basket. */
  @Benchmark
  public OfferList offers() {
    List<String> basket =
        fixture.histories.get(nextSample()).history().of(Signal.PURCHASE).stream()
            .limit(5)
            .toList();
    return offers.forBasket(
        basket, null, new OfferService.Ratios(null, null), Rules.defaults(), 10);
  }

  /** Mahout Taste, item-based with log-likelihood similarity: 10 items for a sampled customer. */
  @Benchmark
  public List<RecommendedItem> tasteItemBased() throws TasteException {
    return taste.recommend(fixture.histories.get(nextSample()).user(), 10);
  }
}
