package io.affinity.campaigns.templates;

import java.time.Duration;

/**
 * How long rendering one message may take and how large its output may get; a template that goes
 * past either fails that message with {@link TemplateLimitException}.
 *
 * @param timeout the render time limit of one message, all its parts together
 * @param maxOutputBytes the output size limit of one message in UTF-8 bytes, all parts together
 */
public record RenderLimits(Duration timeout, long maxOutputBytes) {
  /** The defaults: 2 s and 1 MiB. */
  public static final RenderLimits DEFAULT =
      new RenderLimits(
          TemplatesConfiguration.DEFAULT_RENDER_TIMEOUT, TemplatesConfiguration.DEFAULT_MAX_OUTPUT);

  public RenderLimits {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("affinity.templates.render-timeout must be positive");
    }
    if (maxOutputBytes <= 0) {
      throw new IllegalArgumentException("affinity.templates.max-output must be positive");
    }
  }

  /** The time limit as people write it: "2 s", "300 ms". */
  String timeText() {
    long ms = timeout.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  /** The output limit as people write it: "1 MiB", "64 KiB", "1000 bytes". */
  String outputText() {
    if (maxOutputBytes % (1024 * 1024) == 0) {
      return maxOutputBytes / (1024 * 1024) + " MiB";
    }
    if (maxOutputBytes % 1024 == 0) {
      return maxOutputBytes / 1024 + " KiB";
    }
    return maxOutputBytes + " bytes";
  }
}
