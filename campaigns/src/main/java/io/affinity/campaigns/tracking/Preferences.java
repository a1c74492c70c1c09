package io.affinity.campaigns.tracking;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * What the preference centre shows a recipient: the campaign's topic and the person's current
 * choices.
 *
 * @param preview a preview link: nothing is read or changed
 * @param topic the campaign's topic, or null when it has none
 * @param subscribed whether the person receives marketing e-mail ({@code email_consent})
 * @param withdrawn whether the person withdrew from all e-mail (only a double opt-in or an admin
 *     brings them back)
 * @param frequency the frequency chosen (weekly or monthly), or null for any
 * @param topicsLeft the topics the person left, in order
 */
public record Preferences(
    boolean preview,
    @Nullable String topic,
    boolean subscribed,
    boolean withdrawn,
    @Nullable String frequency,
    List<String> topicsLeft) {
  /** What a preview link shows: a subscribed person with no choices. */
  public static final Preferences PREVIEW =
      new Preferences(true, null, true, false, null, List.of());

  /** Whether the person left the campaign's topic. */
  public boolean leftTopic() {
    return topic != null && topicsLeft.contains(topic);
  }
}
