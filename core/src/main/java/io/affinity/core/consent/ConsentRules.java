package io.affinity.core.consent;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * Decides what a statement does to the state on record: withdrawal wins, and nothing older than the
 * statement on record is applied. Pure: the ledger reads the state, asks, and writes.
 */
final class ConsentRules {
  private ConsentRules() {}

  /**
   * The state a statement meets.
   *
   * @param channel the channel's state
   * @param channelAt when the statement behind {@code channel} was made, or null
   * @param channelSource its source, or null
   * @param topicGranted for a topic statement, the topic's own state; null when the topic follows
   *     the channel
   * @param topicAt when the topic's statement was made, or null
   * @param topicSource its source, or null
   * @param suppression why the address is suppressed, or null
   */
  record Current(
      ConsentState channel,
      @Nullable Long channelAt,
      @Nullable String channelSource,
      @Nullable Boolean topicGranted,
      @Nullable Long topicAt,
      @Nullable String topicSource,
      @Nullable String suppression) {}

  static ConsentDecision decide(Current now, ConsentStatement s) {
    return s.topic() == null ? channel(now, s) : topic(now, s);
  }

  private static ConsentDecision channel(Current now, ConsentStatement s) {
    ConsentSource source = s.source();
    if (s.granted()) {
      if (now.channel() == ConsentState.GRANTED && now.suppression() == null) {
        return ConsentDecision.unchanged();
      }
      if (older(s, now.channelAt())) {
        return olderThan(now.channelAt(), now.channelSource());
      }
      if (now.channel() == ConsentState.WITHDRAWN && !source.mayResubscribe()) {
        return ConsentDecision.refused(
            "the customer withdrew consent ("
                + now.channelSource()
                + (now.channelAt() == null ? "" : ", " + Instant.ofEpochMilli(now.channelAt()))
                + "); only a double opt-in or an admin can re-subscribe");
      }
      if (now.suppression() != null && !source.mayResubscribe()) {
        return ConsentDecision.refused(
            "the address is suppressed ("
                + now.suppression()
                + "); only a double opt-in or an admin can re-subscribe");
      }
      return ConsentDecision.applied();
    }
    if (now.channel() == ConsentState.WITHDRAWN
        || (now.channel() == ConsentState.NONE && source.isSync())) {
      return ConsentDecision.unchanged();
    }
    // A person's or the mail system's "no" wins whatever its date: a complaint or a bounce that
    // reaches us after a sync's grant still withdraws. Only a sync's withdrawal can be outdated.
    if (source.isSync() && older(s, now.channelAt())) {
      return olderThan(now.channelAt(), now.channelSource());
    }
    return ConsentDecision.applied();
  }

  private static ConsentDecision topic(Current now, ConsentStatement s) {
    Boolean granted = now.topicGranted();
    if (s.granted()) {
      if (granted == null || granted) {
        return ConsentDecision.unchanged();
      }
      if (older(s, now.topicAt())) {
        return olderThan(now.topicAt(), now.topicSource());
      }
      if (!s.source().mayRejoinTopic()) {
        return ConsentDecision.refused(
            "the customer left the topic '"
                + s.topic()
                + "' ("
                + now.topicSource()
                + "); only the preference centre, a double opt-in or an admin can bring them back");
      }
      return ConsentDecision.applied();
    }
    if (Boolean.FALSE.equals(granted)) {
      return ConsentDecision.unchanged();
    }
    if (s.source().isSync() && older(s, now.topicAt())) {
      return olderThan(now.topicAt(), now.topicSource());
    }
    return ConsentDecision.applied();
  }

  private static boolean older(ConsentStatement s, @Nullable Long onRecord) {
    return onRecord != null && s.statedAt() < onRecord;
  }

  private static ConsentDecision olderThan(Long at, @Nullable String source) {
    return ConsentDecision.refused(
        "the statement is older than the one on record ("
            + source
            + ", "
            + Instant.ofEpochMilli(at)
            + ")");
  }
}
