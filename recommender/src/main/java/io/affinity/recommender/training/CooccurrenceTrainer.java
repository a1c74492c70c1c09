package io.affinity.recommender.training;

import io.affinity.core.progress.ProgressListener;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.mahout.math.stats.LogLikelihood;

/**
 * Computes CCO indicators. For a primary item {@code i} (bought) and a secondary signal {@code S}:
 * count, over the users who bought {@code i}, how many also had {@code S} on each item {@code j};
 * score the 2x2 contingency table with {@link LogLikelihood#logLikelihoodRatio}; keep the top items
 * whose co-occurrence is above what chance would give.
 *
 * <p>Work is {@code sum over users of |bought| x |S|}, bounded by the per-user downsample; items
 * are processed in parallel, each worker with its own dense counter.
 */
public final class CooccurrenceTrainer {
  private final TrainingConfig config;

  public CooccurrenceTrainer(TrainingConfig config) {
    this.config = config;
  }

  /** Trains indicators of every signal present in {@code data} against purchases. */
  public Indicators train(InteractionData data, ProgressListener progress) {
    int[] pOff = data.offsets(Signal.PURCHASE);
    int[] pVal = data.values(Signal.PURCHASE);
    int[] buyers = new int[data.items()];
    if (pOff == null) {
      return new Indicators(data.items(), data.users(), buyers);
    }
    for (int v : pVal) {
      buyers[v]++;
    }
    int[][] usersOf = invert(pOff, pVal, data.items(), buyers);
    int trainingUsers = activeUsers(pOff);
    Indicators result = new Indicators(data.items(), trainingUsers, buyers);
    for (Signal signal : Signal.values()) {
      int[] sOff = data.offsets(signal);
      int[] sVal = data.values(signal);
      if (sOff == null) {
        continue;
      }
      int[] holders = new int[data.items()];
      for (int v : sVal) {
        holders[v]++;
      }
      progress.start("Indicators: " + signal.wireName(), data.items());
      AtomicInteger done = new AtomicInteger();
      ThreadLocal<Counter> counters = ThreadLocal.withInitial(() -> new Counter(data.items()));
      IntStream.range(0, data.items())
          .parallel()
          .forEach(
              item -> {
                Counter c = counters.get();
                scoreItem(
                    item,
                    signal,
                    usersOf[item],
                    sOff,
                    sVal,
                    buyers,
                    holders,
                    trainingUsers,
                    c,
                    result);
                if (done.incrementAndGet() % 1000 == 0) {
                  progress.advance(1000);
                }
              });
      progress.advance(done.get() % 1000);
      progress.finish();
    }
    return result;
  }

  private void scoreItem(
      int item,
      Signal signal,
      int[] users,
      int[] sOff,
      int[] sVal,
      int[] buyers,
      int[] holders,
      int n,
      Counter c,
      Indicators result) {
    if (users.length == 0) {
      return;
    }
    for (int u : users) {
      for (int k = sOff[u]; k < sOff[u + 1]; k++) {
        c.add(sVal[k]);
      }
    }
    TopK top = new TopK(config.indicatorsPerItem());
    long rowTotal = buyers[item];
    for (int t = 0; t < c.touchedCount; t++) {
      int other = c.touched[t];
      int k11 = c.counts[other];
      c.counts[other] = 0;
      // An item is not its own indicator: "viewed X, bought X" is the customer's own intent,
      // which the history already shows, not a correlation between items.
      if (other == item || k11 < config.minCooccurrence()) {
        continue;
      }
      long colTotal = holders[other];
      // Only positive association: more users share the pair than independence predicts.
      if ((long) k11 * n <= rowTotal * colTotal) {
        continue;
      }
      long k12 = rowTotal - k11;
      long k21 = colTotal - k11;
      long k22 = n - rowTotal - colTotal + k11;
      double llr = LogLikelihood.logLikelihoodRatio(k11, k12, k21, Math.max(0, k22));
      if (llr > config.minLlr()) {
        top.offer(other, (float) llr);
      }
    }
    c.touchedCount = 0;
    if (top.size() > 0) {
      synchronized (result) {
        result.set(signal, item, top.items(), top.weights());
      }
    }
  }

  private static int activeUsers(int[] offsets) {
    int n = 0;
    for (int u = 0; u + 1 < offsets.length; u++) {
      if (offsets[u + 1] > offsets[u]) {
        n++;
      }
    }
    return n;
  }

  private static int[][] invert(int[] off, int[] val, int items, int[] counts) {
    int[][] usersOf = new int[items][];
    for (int i = 0; i < items; i++) {
      usersOf[i] = new int[counts[i]];
    }
    int[] fill = new int[items];
    for (int u = 0; u + 1 < off.length; u++) {
      for (int k = off[u]; k < off[u + 1]; k++) {
        int item = val[k];
        usersOf[item][fill[item]++] = u;
      }
    }
    return usersOf;
  }

  /** A dense counter that remembers which slots it touched, so that clearing is cheap. */
  private static final class Counter {
    final int[] counts;
    final int[] touched;
    int touchedCount;

    Counter(int size) {
      counts = new int[size];
      touched = new int[size];
    }

    void add(int slot) {
      if (counts[slot]++ == 0) {
        touched[touchedCount++] = slot;
      }
    }
  }
}
