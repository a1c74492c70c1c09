package io.affinity.campaigns.delivery;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.time.Duration;

/**
 * The frequency cap for the campaigns and triggers of one topic, under {@code
 * affinity.mail.frequency-cap.topics.<topic>}: replaces the overall figures for them (the messages
 * counted are still all marketing e-mails to the person, whatever their topic). {@code
 * max-messages: 0} exempts the topic from the cap.
 */
@EachProperty(FrequencyCapConfiguration.PREFIX + ".topics")
public class TopicFrequencyCap {
  private final String topic;
  private int maxMessages = FrequencyCapConfiguration.DEFAULT_MAX_MESSAGES;
  private Duration period = FrequencyCapConfiguration.DEFAULT_PERIOD;

  public TopicFrequencyCap(@Parameter String topic) {
    this.topic = topic;
  }

  /** The topic these figures are for. */
  public String getTopic() {
    return topic;
  }

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
        period == null || period.isNegative() || period.isZero()
            ? FrequencyCapConfiguration.DEFAULT_PERIOD
            : period;
  }
}
