package io.affinity.campaigns.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.affinity.campaigns.templates.TemplateLimitException.Limit;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runaway templates stop at the render limits on the calling thread, within the time limit (plus
 * slack for a loaded machine), with a message naming the limit and, where known, the line; the
 * thread is not left interrupted.
 */
class RenderLimitsTest {
  private static final RenderLimits LIMITS = new RenderLimits(Duration.ofMillis(300), 64 * 1024);
  private static final long SLACK_MS = 3000;

  private static CompiledTemplate template(String html, String text) {
    return CompiledTemplate.of(new TemplateVersion(7, 1, "Hello", html, text, Instant.EPOCH));
  }

  private static TemplateLimitException runaway(String html, Limit expected) {
    long start = System.nanoTime();
    Throwable thrown = null;
    try {
      template(html, null).render(Map.of(), LIMITS);
    } catch (Throwable t) {
      thrown = t;
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(thrown).isInstanceOf(TemplateLimitException.class);
    TemplateLimitException e = (TemplateLimitException) thrown;
    assertThat(e.limit()).isEqualTo(expected);
    assertThat(ms).as("stopped after %d ms", ms).isLessThan(300 + SLACK_MS);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(e.getMessage()).doesNotContain("java.", "freemarker.", "Exception");
    return e;
  }

  @Test
  void anEndlessListThatWritesNothingIsStoppedAtTheTimeLimit() {
    TemplateLimitException e = runaway("<p>\n<#list 1.. as i></#list>", Limit.TIME);
    assertThat(e.getMessage()).isEqualTo("Template 7 v1 exceeded the render time limit of 300 ms");
  }

  @Test
  void anEndlessListThatWritesIsStoppedWithItsLine() {
    // A write every 1,000 turns: well within the alarm's grace even on a loaded machine (every
    // 100,000 turns let the watchdog's interrupt, which knows no line, win under load), and far
    // below the output limit in 300 ms.
    TemplateLimitException e =
        runaway("<p>\n<#list 1.. as i><#if i % 1000 == 0>.</#if></#list>", Limit.TIME);
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.getMessage()).contains("exceeded the render time limit of 300 ms at line 2");
  }

  @Test
  void aHugeRangeWithoutOutputIsStoppedAtTheTimeLimit() {
    runaway("<#list 1..2000000000 as i></#list>", Limit.TIME);
  }

  @Test
  void aHugeRangeWithOutputIsStoppedAtTheOutputLimitWithItsLine() {
    TemplateLimitException e = runaway("<p>\n\n<#list 1..2000000000 as i>x</#list>", Limit.OUTPUT);
    assertThat(e.getMessage())
        .isEqualTo("Template 7 v1 exceeded the output size limit of 64 KiB at line 3, column 27");
  }

  @Test
  void oneHugeWriteIsStoppedAtTheOutputLimit() {
    runaway("${'x'?left_pad(1000000)}", Limit.OUTPUT);
  }

  @Test
  void endlessMacroRecursionIsStoppedAsTooDeep() {
    TemplateLimitException e = runaway("<#macro f><@f/></#macro><@f/>", Limit.DEPTH);
    assertThat(e.getMessage()).contains("nested too deeply");
  }

  @Test
  void endlessFunctionRecursionIsStoppedAsTooDeep() {
    runaway("<#function f n><#return f(n + 1)></#function>${f(0)}", Limit.DEPTH);
  }

  @Test
  void aTextPartMadeFromHostileHtmlIsStoppedAtTheTimeLimit() {
    // Thousands of unclosed <head tags make the HTML-to-text expressions quadratic.
    RenderLimits limits = new RenderLimits(Duration.ofMillis(300), 1024 * 1024);
    long start = System.nanoTime();
    assertThatThrownBy(
            () -> template("<#list 1..60000 as i><head </#list>", null).render(Map.of(), limits))
        .isInstanceOfSatisfying(
            TemplateLimitException.class, e -> assertThat(e.limit()).isEqualTo(Limit.TIME));
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(300 + SLACK_MS);
  }

  @Test
  void theLimitsCoverTheWholeMessageTogether() {
    // Each part alone fits; together they do not.
    String half = "<#list 1..40000 as i>x</#list>";
    assertThatThrownBy(() -> template(half, half).render(Map.of(), LIMITS))
        .isInstanceOfSatisfying(
            TemplateLimitException.class, e -> assertThat(e.limit()).isEqualTo(Limit.OUTPUT));
  }

  @Test
  void anOrdinaryTemplateRendersAndLeavesAnInterruptOfTheCallerAlone() {
    CompiledTemplate.Rendered r =
        template("<p>Hi ${name}</p><#list 1..3 as i>${i}</#list>", null)
            .render(Map.of("name", "Ann"), LIMITS);
    assertThat(r.html()).isEqualTo("<p>Hi Ann</p>123");
    assertThat(r.text()).isEqualTo("Hi Ann\n\n123\n");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void theThreadCarriesNoInterruptIntoItsNextWork() throws Exception {
    runaway("<#list 1.. as i></#list>", Limit.TIME);
    Thread.sleep(400); // the next work of the thread blocks without being woken by a stale alarm
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}
