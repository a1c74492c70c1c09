package io.affinity.campaigns.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A cancelled render stops at once, long before its time limit, and leaves its thread (a pooled one
 * here) not interrupted; a cancel after the render is over interrupts nothing.
 */
class RenderCancellationTest {
  private static final RenderLimits LIMITS = new RenderLimits(Duration.ofSeconds(20), 64 * 1024);

  private static CompiledTemplate template(String html) {
    return CompiledTemplate.of(new TemplateVersion(7, 1, "Hello", html, null, Instant.EPOCH));
  }

  @Test
  void aCancelStopsAnEndlessLoopAtOnceAndLeavesThePooledThreadClear() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      RenderCancellation cancellation = new RenderCancellation();
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      pool.execute(
          () -> {
            try {
              template("<#list 1.. as i></#list>").render(Map.of(), LIMITS, cancellation);
              outcome.complete(null);
            } catch (Throwable t) {
              outcome.complete(t);
            }
          });
      Thread.sleep(300);
      long start = System.nanoTime();
      cancellation.cancel();
      Throwable thrown = outcome.get(10, TimeUnit.SECONDS);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(thrown).isInstanceOf(RenderCancelledException.class);
      assertThat(ms).as("stopped %d ms after the cancel", ms).isLessThan(2000);
      // The same pooled thread runs the next task: not interrupted.
      boolean interrupted =
          CompletableFuture.supplyAsync(() -> Thread.currentThread().isInterrupted(), pool)
              .get(10, TimeUnit.SECONDS);
      assertThat(interrupted).isFalse();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRenderCancelledBeforeItStartsDoesNotRun() {
    RenderCancellation cancellation = new RenderCancellation();
    cancellation.cancel();
    assertThatThrownBy(() -> template("<p>Hi</p>").render(Map.of(), LIMITS, cancellation))
        .isInstanceOf(RenderCancelledException.class);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aCancelAfterTheRenderInterruptsNothing() {
    RenderCancellation cancellation = new RenderCancellation();
    CompiledTemplate.Rendered r = template("<p>Hi</p>").render(Map.of(), LIMITS, cancellation);
    cancellation.cancel();
    assertThat(r.html()).isEqualTo("<p>Hi</p>");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}
