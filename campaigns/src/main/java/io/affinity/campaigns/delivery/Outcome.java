package io.affinity.campaigns.delivery;

import io.affinity.campaigns.campaign.RecipientState;

/**
 * The recorded result for one claimed recipient.
 *
 * @param recipientId the recipient row
 * @param state its new state ({@code pending} to release or retry it)
 * @param messageId the Message-ID, when sent
 * @param at when it was sent (or when to retry it, for a retry)
 * @param error why it was not sent, or null
 * @param attempted whether a send was attempted (counts toward attempts)
 * @param bouncedEmail the address to suppress after a hard bounce, or null
 * @param bouncedCustomer whose consent a hard bounce withdraws, or null
 */
record Outcome(
    long recipientId,
    RecipientState state,
    String messageId,
    Long at,
    String error,
    boolean attempted,
    String bouncedEmail,
    Long bouncedCustomer) {

  static Outcome sent(long id, String messageId, long at) {
    return new Outcome(id, RecipientState.SENT, messageId, at, null, true, null, null);
  }

  static Outcome suppressed(long id, String reason) {
    return new Outcome(id, RecipientState.SUPPRESSED, null, null, reason, false, null, null);
  }

  /** A 5xx reply: the address is suppressed and the customer's consent withdrawn. */
  static Outcome bounced(long id, long customerId, String email, String error) {
    return new Outcome(id, RecipientState.BOUNCED, null, null, error, true, email, customerId);
  }

  /** Over the frequency cap: not sent, kept in its arm. */
  static Outcome capped(long id, String reason) {
    return new Outcome(id, RecipientState.CAPPED, null, null, reason, false, null, null);
  }

  static Outcome failed(long id, String error, boolean attempted) {
    return new Outcome(id, RecipientState.FAILED, null, null, error, attempted, null, null);
  }

  static Outcome ambiguous(long id, String error) {
    return new Outcome(id, RecipientState.AMBIGUOUS, null, null, error, true, null, null);
  }

  static Outcome retry(long id, long at, String error) {
    return new Outcome(id, RecipientState.PENDING, null, at, error, true, null, null);
  }

  /** Not attempted (no connection could be opened): pending again from {@code at}. */
  static Outcome deferred(long id, long at, String error) {
    return new Outcome(id, RecipientState.PENDING, null, at, error, false, null, null);
  }

  static Outcome released(long id) {
    return new Outcome(id, RecipientState.PENDING, null, null, null, false, null, null);
  }
}
