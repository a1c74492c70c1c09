package io.affinity.campaigns.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The frequency cap across campaigns, under {@code affinity.mail.frequency-cap}: at most {@code
 * max-messages} marketing e-mails per customer in any {@code period} (3 in 7 days by default), all
 * campaigns and triggers together. {@code max-messages: 0} turns the cap off; the lower frequency a
 * person chose for themselves applies regardless. A topic may have its own figures ({@link
 * TopicFrequencyCap}).
 */
@ConfigurationProperties(FrequencyCapConfiguration.PREFIX)
public class FrequencyCapConfiguration {
  public static final String PREFIX = MailConfiguration.PREFIX + ".frequency-cap";
  public static final int DEFAULT_MAX_MESSAGES = 3;
  public static final Duration DEFAULT_PERIOD = Duration.ofDays(7);

  private int maxMessages = DEFAULT_MAX_MESSAGES;
  private Duration period = DEFAULT_PERIOD;

  /** Marketing e-mails a customer gets at most in {@link #getPeriod()}; 0 for no cap. */
  public int getMaxMessages() {
    return maxMessages;
  }

  public void setMaxMessages(int maxMessages) {
    this.maxMessages = Math.max(0, maxMessages);
  }

  /** The rolling window of the cap. */
  public Duration getPeriod() {
    return period;
  }

  public void setPeriod(Duration period) {
    this.period =
        period == null || period.isNegative() || period.isZero() ? DEFAULT_PERIOD : period;
  }
}
