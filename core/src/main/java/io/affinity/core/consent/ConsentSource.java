package io.affinity.core.consent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a consent statement came from. */
public enum ConsentSource {
  /** The shop's API: a customer upsert or an unsubscribe event. */
  API,
  /** A bulk import or generated data. */
  IMPORT,
  /** An unsubscribe event sent by the shop ({@code POST /api/events}). */
  UNSUBSCRIBE_EVENT,
  /** The unsubscribe page behind the link in our e-mails. */
  UNSUBSCRIBE_LINK,
  /** RFC 8058 one-click unsubscribe, posted by the mail provider. */
  ONE_CLICK,
  /** The preference centre: topics and frequency chosen by the person. */
  PREFERENCE_CENTRE,
  /** The person clicked the signed link of a confirmation e-mail. */
  DOUBLE_OPT_IN,
  /** A spam complaint (feedback loop, provider webhook). */
  COMPLAINT,
  /** A hard bounce, or too many soft bounces. */
  BOUNCE,
  /** An administrator, with a written reason. */
  ADMIN;

  /** The name stored and shown: lower case with dashes. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The source named {@code wireName}, if any. */
  public static Optional<ConsentSource> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst();
  }

  /**
   * Whether a grant from this source re-subscribes someone who withdrew or whose address is
   * suppressed: only a confirmed double opt-in and an administrator can.
   */
  public boolean mayResubscribe() {
    return this == DOUBLE_OPT_IN || this == ADMIN;
  }

  /**
   * Whether this source speaks for the person themselves about one topic they had left: the
   * preference centre may bring them back into a topic while they are subscribed at all.
   */
  public boolean mayRejoinTopic() {
    return mayResubscribe() || this == PREFERENCE_CENTRE;
  }

  /**
   * The reason an address is suppressed with when this source withdraws all mail, or null when the
   * withdrawal leaves the address off the list (a sync saying "no consent").
   */
  public String suppressionReason() {
    return switch (this) {
      case UNSUBSCRIBE_EVENT, UNSUBSCRIBE_LINK, ONE_CLICK, PREFERENCE_CENTRE -> "unsubscribed";
      case COMPLAINT -> "complained";
      case BOUNCE -> "bounced";
      default -> null;
    };
  }

  /** Whether this source reports a machine's state (a sync) rather than a person's act. */
  public boolean isSync() {
    return this == API || this == IMPORT;
  }
}
