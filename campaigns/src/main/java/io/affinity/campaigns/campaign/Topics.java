package io.affinity.campaigns.campaign;

import io.affinity.core.error.FieldError;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The topic a campaign or trigger mails about ({@code newsletter}, {@code offers}, {@code
 * household}, ...): a short lower-case token, the same one a person leaves in the preference centre
 * ({@code consent_topics.topic}). Checked the same way wherever a marketer gives one.
 */
public final class Topics {
  private static final Pattern TOKEN = Pattern.compile("[a-z0-9-]{1,40}");

  private Topics() {}

  /** Whether {@code topic} is a valid topic token. */
  public static boolean isValid(String topic) {
    return topic != null && TOKEN.matcher(topic).matches();
  }

  /** Adds to {@code errors} what is wrong with an optional {@code topic}. */
  public static void check(String topic, List<FieldError> errors) {
    if (topic != null && !isValid(topic)) {
      errors.add(
          new FieldError("topic", "1 to 40 lower-case letters, digits or '-' (e.g. 'offers')"));
    }
  }
}
