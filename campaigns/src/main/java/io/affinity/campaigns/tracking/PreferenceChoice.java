package io.affinity.campaigns.tracking;

import io.affinity.core.consent.ConsentLedger;
import io.micronaut.core.annotation.Nullable;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a person chose in the preference centre, as its form posts it: {@code action=all} (no e-mail
 * at all), {@code action=topic} (leave the campaign's topic, {@code topic} optional), {@code
 * action=frequency} with {@code frequency=weekly|monthly|any}, or {@code action=rejoin} with the
 * {@code topic} to receive again. Checked here for its shape only; {@link PreferenceCentre} checks
 * the topic against the campaign and the topics the person left.
 *
 * @param action what to do
 * @param frequency for {@link Action#FREQUENCY}: weekly, monthly, or null for any
 * @param topic for {@link Action#REJOIN}, and optionally {@link Action#TOPIC}
 */
public record PreferenceChoice(Action action, @Nullable String frequency, @Nullable String topic) {
  /** The longest topic name (the column's width). */
  public static final int MAX_TOPIC = 40;

  /** The frequency value that lifts a chosen frequency. */
  public static final String ANY = "any";

  private static final Set<String> FIELDS = Set.of("action", "frequency", "topic");

  /** The four things the preference centre does. */
  public enum Action {
    /** Unsubscribe from all e-mail. */
    ALL,
    /** Leave the campaign's topic only. */
    TOPIC,
    /** Receive e-mail less often. */
    FREQUENCY,
    /** Receive a topic left before again. */
    REJOIN;

    /** The form value: {@code all}, {@code topic}, ... */
    public String formValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The choice the form {@code fields} make.
   *
   * @throws IllegalArgumentException saying what is wrong with the form
   */
  public static PreferenceChoice parse(Map<String, String> fields) {
    for (String name : fields.keySet()) {
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException("unknown field '" + name + "'");
      }
    }
    String actionValue = fields.get("action");
    Action action = null;
    for (Action a : Action.values()) {
      if (a.formValue().equals(actionValue)) {
        action = a;
      }
    }
    if (action == null) {
      throw new IllegalArgumentException("action must be one of all, topic, frequency, rejoin");
    }
    String frequency = fields.get("frequency");
    String topic = fields.get("topic");
    if (frequency != null && action != Action.FREQUENCY) {
      throw new IllegalArgumentException("frequency belongs to action=frequency");
    }
    if (topic != null && action != Action.TOPIC && action != Action.REJOIN) {
      throw new IllegalArgumentException("topic belongs to action=topic or action=rejoin");
    }
    if (topic != null && (topic.isBlank() || topic.length() > MAX_TOPIC)) {
      throw new IllegalArgumentException("topic must be 1 to " + MAX_TOPIC + " characters");
    }
    switch (action) {
      case FREQUENCY -> {
        if (frequency == null
            || !(frequency.equals(ANY) || ConsentLedger.FREQUENCIES.contains(frequency))) {
          throw new IllegalArgumentException("frequency must be weekly, monthly or any");
        }
        return new PreferenceChoice(action, frequency.equals(ANY) ? null : frequency, null);
      }
      case REJOIN -> {
        if (topic == null) {
          throw new IllegalArgumentException("action=rejoin needs the topic");
        }
        return new PreferenceChoice(action, null, topic);
      }
      default -> {
        return new PreferenceChoice(action, null, topic);
      }
    }
  }
}
