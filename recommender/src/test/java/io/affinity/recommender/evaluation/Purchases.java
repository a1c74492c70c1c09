package io.affinity.recommender.evaluation;

import io.affinity.core.importer.ClassifiedLine;
import io.affinity.core.importer.LineOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Builds cleaned purchase lines for tests, and a shop with planted structure. */
final class Purchases {
  static final Instant SPLIT = TemporalSplit.DEFAULT_SPLIT;
  static final Instant BEFORE = SPLIT.minus(Duration.ofDays(100));
  static final Instant AFTER = SPLIT.plus(Duration.ofDays(10));

  private final List<ClassifiedLine> lines = new ArrayList<>();

  /** Customer {@code customer} bought {@code item} at {@code time}. */
  Purchases buy(String customer, String item, Instant time) {
    long line = lines.size() + 2L;
    lines.add(
        new ClassifiedLine(
            LineOutcome.PURCHASE,
            line,
            customer,
            "United Kingdom",
            item,
            "item " + item,
            Long.toString(500_000 + line),
            1,
            BigDecimal.ONE,
            time,
            null));
    return this;
  }

  TemporalSplit split() {
    return TemporalSplit.of(lines, SPLIT, null);
  }

  /**
   * A shop of {@code clusters} x {@code perCluster} items and {@code users} customers. Each
   * customer belongs to a cluster and buys, before the split, 4 items of their cluster and 1 random
   * item; after it, 3 more items of their cluster and 1 random item. Cluster c gets customers, and
   * item r of a cluster is chosen, with weight 1 / (c + 1) and 1 / (r + 1): items also differ in
   * popularity, so that popularity is better than random too.
   */
  static TemporalSplit plantedShop(int clusters, int perCluster, int users, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Purchases p = new Purchases();
    int items = clusters * perCluster;
    for (int u = 0; u < users; u++) {
      String customer = Integer.toString(10_000 + u);
      int cluster = zipf(clusters, random);
      Instant trainDay = BEFORE.plus(Duration.ofDays(random.nextInt(90)));
      for (int k = 0; k < 4; k++) {
        p.buy(customer, code(cluster * perCluster + zipf(perCluster, random)), trainDay);
      }
      p.buy(customer, code(random.nextInt(items)), trainDay);
      Instant testDay = AFTER.plus(Duration.ofDays(random.nextInt(60)));
      for (int k = 0; k < 3; k++) {
        p.buy(customer, code(cluster * perCluster + zipf(perCluster, random)), testDay);
      }
      p.buy(customer, code(random.nextInt(items)), testDay);
    }
    return p.split();
  }

  static String code(int item) {
    return Integer.toString(20_000 + item);
  }

  /** A rank in {@code 0..n-1} with probability proportional to 1 / (rank + 1). */
  private static int zipf(int n, SplittableRandom random) {
    double total = 0;
    for (int r = 0; r < n; r++) {
      total += 1.0 / (r + 1);
    }
    double x = random.nextDouble() * total;
    for (int r = 0; r < n; r++) {
      x -= 1.0 / (r + 1);
      if (x < 0) {
        return r;
      }
    }
    return n - 1;
  }
}
