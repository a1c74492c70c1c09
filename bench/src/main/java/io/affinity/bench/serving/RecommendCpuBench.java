package io.affinity.bench.serving;

import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.recommender.serving.History;
import io.affinity.recommender.serving.Recommender;
import io.affinity.recommender.serving.Rules;
import io.affinity.recommender.training.Signal;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/**
 * The CPU time of one recommendation, for a machine shared with other jobs where wall-clock
 * latencies (JMH) mostly measure waiting for a core: the thread's own CPU time per query, ours with
 * each clause cap and Mahout Taste's item-based recommender, the variants interleaved query by
 * query (in rotating order) so that whatever else runs affects them alike.
 *
 * <pre>
 * java -cp ... io.affinity.bench.serving.RecommendCpuBench CUSTOMERS PRODUCTS EVENTS ROUNDS CAP...
 * </pre>
 */
public final class RecommendCpuBench {
  private RecommendCpuBench() {}

  public static void main(String[] args) throws Exception {
    int customers = Integer.parseInt(args[0]);
    int products = Integer.parseInt(args[1]);
    long events = Long.parseLong(args[2]);
    int rounds = Integer.parseInt(args[3]);
    int[] caps = Arrays.stream(args).skip(4).mapToInt(Integer::parseInt).toArray();
    ServingFixture f =
        ServingFixture.build(
            ShopSpec.of(customers, products, events, 1),
            Files.createTempDirectory("affinity-cpu-bench"),
            ProgressListener.NONE);
    TasteBaseline taste = new TasteBaseline(f.data);
    List<Recommender> ours = new ArrayList<>();
    for (int cap : caps) {
      ours.add(
          new Recommender(
              f.holder, new Recommender.Tuning(Recommender.Tuning.DEFAULT_REPEAT_WEIGHT, cap)));
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int n = f.histories.size();
    long[][] cpu = new long[caps.length + 1][];
    for (int v = 0; v <= caps.length; v++) {
      cpu[v] = new long[n * rounds];
    }
    for (int round = -1; round < rounds; round++) { // round -1 warms up
      for (int i = 0; i < n; i++) {
        ServingFixture.Sample s = f.histories.get(i);
        History h = s.history();
        // The first variant of a query pays for bringing its postings into the CPU caches: rotate.
        for (int k = 0; k <= caps.length; k++) {
          int v = (i + k) % (caps.length + 1);
          long t0 = mx.getCurrentThreadCpuTime();
          if (v < caps.length) {
            ours.get(v)
                .recommend(
                    h, EnumSet.allOf(Signal.class), Rules.defaults(), h.of(Signal.PURCHASE), 10);
          } else {
            taste.recommend(s.user(), 10);
          }
          long t = mx.getCurrentThreadCpuTime() - t0;
          if (round >= 0) {
            cpu[v][round * n + i] = t;
          }
        }
      }
    }
    System.out.printf(
        "%d sample customers x %d rounds; CPU time per query in microseconds%n", n, rounds);
    System.out.println("| variant | p50 | p90 | p99 | p99.9 | mean |");
    System.out.println("| --- | --- | --- | --- | --- | --- |");
    for (int v = 0; v <= caps.length; v++) {
      long[] t = cpu[v].clone();
      Arrays.sort(t);
      String name =
          v < caps.length ? "ours, " + caps[v] + " clauses per signal" : "Mahout Taste item-based";
      System.out.printf(
          "| %s | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
          name,
          t[t.length / 2] / 1e3,
          t[(int) (t.length * 0.9)] / 1e3,
          t[(int) (t.length * 0.99)] / 1e3,
          t[(int) (t.length * 0.999)] / 1e3,
          Arrays.stream(t).average().orElse(0) / 1e3);
    }
  }
}
