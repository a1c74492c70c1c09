package io.affinity.core.consent;

import io.micronaut.core.annotation.Nullable;

/**
 * One thing said about a customer's consent, as it arrives: granted or withdrawn, for a channel or
 * one of its topics, when, by which source, with its evidence.
 *
 * @param customerId the customer's internal id
 * @param channel {@link #EMAIL} (the only channel so far)
 * @param topic null for all marketing on the channel, else a topic such as {@code offers}
 * @param granted true for a grant, false for a withdrawal
 * @param statedAt when the statement was made, epoch millis
 * @param source where it came from
 * @param evidence a token, campaign or event id, the shop's source text; may be null
 * @param ip where a person acted, else null
 * @param userAgent the person's browser, else null
 * @param note an admin's reason, or another remark kept with the statement
 */
public record ConsentStatement(
    long customerId,
    String channel,
    @Nullable String topic,
    boolean granted,
    long statedAt,
    ConsentSource source,
    @Nullable String evidence,
    @Nullable String ip,
    @Nullable String userAgent,
    @Nullable String note) {
  /** The e-mail channel. */
  public static final String EMAIL = "email";

  /** A statement about all e-mail, with no person's address or browser. */
  public static ConsentStatement email(
      long customerId,
      boolean granted,
      long statedAt,
      ConsentSource source,
      @Nullable String evidence) {
    return new ConsentStatement(
        customerId, EMAIL, null, granted, statedAt, source, evidence, null, null, null);
  }

  /** This statement about {@code topic} instead. */
  public ConsentStatement forTopic(@Nullable String topic) {
    return new ConsentStatement(
        customerId, channel, topic, granted, statedAt, source, evidence, ip, userAgent, note);
  }

  /** This statement with where and how a person made it. */
  public ConsentStatement byPerson(@Nullable String ip, @Nullable String userAgent) {
    return new ConsentStatement(
        customerId, channel, topic, granted, statedAt, source, evidence, ip, userAgent, note);
  }

  /** This statement as made at {@code statedAt}. */
  public ConsentStatement datedAt(long statedAt) {
    return new ConsentStatement(
        customerId, channel, topic, granted, statedAt, source, evidence, ip, userAgent, note);
  }

  /** This statement with a note (an admin's reason). */
  public ConsentStatement withNote(@Nullable String note) {
    return new ConsentStatement(
        customerId, channel, topic, granted, statedAt, source, evidence, ip, userAgent, note);
  }
}
