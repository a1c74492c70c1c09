package io.affinity.campaigns.campaign;

import java.util.Locale;

/**
 * The delivery state of one recipient row. Only {@link #PENDING} rows are ever claimed; a claimed
 * row gets its hand-off mark ({@code handed_at}, with its {@code message_id}, committed) just
 * before its message is handed to the SMTP server, then a final state or pending again (a 4xx
 * reply, retried later). When the worker that claimed it dies, a claimed row without the mark goes
 * back to pending (nothing was handed over) and one with the mark becomes {@link #AMBIGUOUS}: it
 * may or may not have been accepted, so it is reported and resent only when an operator asks.
 */
public enum RecipientState {
  /** Waiting to be sent (or to be retried at {@code next_attempt_at}). */
  PENDING,
  /**
   * Taken by a worker, which committed the claim before sending; with {@code handed_at} set, its
   * message is being handed to the SMTP server (the reply is not recorded yet).
   */
  CLAIMED,
  /** Accepted by the SMTP server; {@code message_id} and {@code sent_at} are set. */
  SENT,
  /**
   * Rejected with a 5xx reply, or reported later as a hard bounce (DSN, provider webhook): the
   * address is suppressed.
   */
  BOUNCED,
  /** Given up after too many temporary failures, or the message could not be built. */
  FAILED,
  /** Not sent at send time: no consent, unsubscribed, no address, or a suppressed address. */
  SUPPRESSED,
  /**
   * Handed to the SMTP server by a worker that stopped before recording the reply, or whose
   * connection broke during the send: it may or may not have been accepted. An operator resends it
   * (with the same Message-ID) or settles it as sent.
   */
  AMBIGUOUS,
  /** In the held-out control group: never sent. */
  CONTROL,
  /** Still pending when the campaign was cancelled. */
  CANCELLED,
  /**
   * Not sent: over the frequency cap (marketing e-mails per customer per period, or the lower
   * frequency the person chose). Stays in its arm for the lift (intent to treat).
   */
  CAPPED,
  /** Sent, then reported as spam by the recipient (feedback loop, provider webhook). */
  COMPLAINED;

  /** The name stored in {@code campaign_recipients.state}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state stored as {@code name}, if there is one. */
  public static java.util.Optional<RecipientState> fromWireName(String name) {
    for (RecipientState s : values()) {
      if (s.wireName().equals(name)) {
        return java.util.Optional.of(s);
      }
    }
    return java.util.Optional.empty();
  }
}
