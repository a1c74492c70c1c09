package io.affinity.recommender.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent callers of a {@link Coalescer} held up behind a read that waits for the test's signal:
 * those that arrive meanwhile share the next read, each gets its own value, and a failure reaches
 * only the callers of the read that failed.
 */
class CoalescerTest {
  private final ExecutorService callers = Executors.newFixedThreadPool(24);
  private final List<List<String>> reads = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    callers.shutdownNow();
  }

  /** Reads "key!" for every key but "none"; the first read waits for the release. */
  private Map<String, String> read(List<String> keys) {
    reads.add(List.copyOf(keys));
    if (reads.size() == 1) {
      await();
    }
    if (keys.contains("bad")) {
      throw new IllegalStateException("cannot read " + keys);
    }
    Map<String, String> out = new HashMap<>();
    keys.stream().filter(k -> !k.equals("none")).forEach(k -> out.put(k, k + "!"));
    return out;
  }

  private void await() {
    try {
      assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Starts "first" (whose read waits), then {@code others} one at a time, each once the one before
   * is queued, so that they queue in their order.
   */
  private List<Future<String>> callHeldUp(Coalescer<String, String> c, List<String> others)
      throws InterruptedException {
    List<Future<String>> results = new ArrayList<>();
    results.add(callers.submit(() -> c.get("first")));
    while (reads.isEmpty()) {
      Thread.sleep(1);
    }
    for (int i = 0; i < others.size(); i++) {
      String key = others.get(i);
      results.add(callers.submit(() -> c.get(key)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (c.waiting() < i + 1 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertThat(c.waiting()).isEqualTo(i + 1);
    }
    return results;
  }

  @Test
  void aLoneCallerReadsAlone() {
    Coalescer<String, String> c = new Coalescer<>(keys -> Map.of("a", "a!"), 16, 1);
    assertThat(c.get("a")).isEqualTo("a!");
    assertThat(c.get("b")).isNull();
  }

  @Test
  void callersArrivingDuringAReadShareTheNext() throws Exception {
    Coalescer<String, String> c = new Coalescer<>(this::read, 16, 1);
    List<String> others = List.of("k1", "k2", "k3", "k4", "k5", "k6", "k7", "k1", "none");
    List<Future<String>> results = callHeldUp(c, others);
    release.countDown();
    assertThat(results.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("first!");
    for (int i = 0; i < others.size(); i++) {
      String key = others.get(i);
      assertThat(results.get(i + 1).get(10, TimeUnit.SECONDS))
          .isEqualTo(key.equals("none") ? null : key + "!");
    }
    // The first read, then one for all who came meanwhile, each key once.
    assertThat(reads).hasSize(2);
    assertThat(reads.get(1))
        .containsExactlyInAnyOrder("k1", "k2", "k3", "k4", "k5", "k6", "k7", "none");
  }

  @Test
  void aReadTakesAtMostTheBatchSize() throws Exception {
    Coalescer<String, String> c = new Coalescer<>(this::read, 4, 1);
    List<String> others = List.of("k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9");
    List<Future<String>> results = callHeldUp(c, others);
    release.countDown();
    for (int i = 0; i < others.size(); i++) {
      assertThat(results.get(i + 1).get(10, TimeUnit.SECONDS)).isEqualTo(others.get(i) + "!");
    }
    assertThat(reads).hasSize(4).allSatisfy(keys -> assertThat(keys).hasSizeLessThanOrEqualTo(4));
    assertThat(reads.stream().mapToInt(List::size).sum()).isEqualTo(10);
  }

  @Test
  void aFailedReadFailsItsOwnCallersOnly() throws Exception {
    Function<List<String>, Map<String, String>> failing = this::read;
    Coalescer<String, String> c = new Coalescer<>(failing, 2, 1);
    // "first" reads alone; then "bad" and "k1" share a read that fails; "k2" reads after it.
    List<Future<String>> results = callHeldUp(c, List.of("bad", "k1", "k2"));
    release.countDown();
    assertThat(results.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("first!");
    for (int i : new int[] {1, 2}) {
      Future<String> f = results.get(i);
      assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot read [bad, k1]");
    }
    assertThat(results.get(3).get(10, TimeUnit.SECONDS)).isEqualTo("k2!");
  }
}
