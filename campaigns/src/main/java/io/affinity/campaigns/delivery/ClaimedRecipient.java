package io.affinity.campaigns.delivery;

/**
 * A recipient a worker has claimed, with what the send-time checks need.
 *
 * @param id the recipient row
 * @param customerId our id of the customer
 * @param arm the variant it was assigned
 * @param attempts attempts made before this one
 * @param email the customer's address now, or null
 * @param consent whether the customer consents to marketing e-mail now ({@code email_consent})
 * @param consentState the state the consent ledger derived: none, granted or withdrawn
 * @param consentSource where consent was last given or withdrawn ({@code one-click}, {@code
 *     complaint}, ...)
 * @param frequency the lower frequency the person chose ({@code weekly}, {@code monthly}), or null
 * @param suppression why the address is on the suppression list (bounced, complained,
 *     unsubscribed), or null
 * @param leftTopic the campaign's topic when the customer left it, else null
 * @param cap why the customer is over the frequency cap, or null (checked only for those who pass
 *     the other checks)
 * @param triggerProductId for a trigger's recipient, the product whose purchase fired it (our id);
 *     null otherwise
 * @param messageId the Message-ID stored by an earlier hand-off (a resend reuses it, so that a
 *     receiving server can collapse a duplicate), or null
 */
public record ClaimedRecipient(
    long id,
    long customerId,
    String arm,
    int attempts,
    String email,
    boolean consent,
    String consentState,
    String consentSource,
    String frequency,
    String suppression,
    String leftTopic,
    String cap,
    Long triggerProductId,
    String messageId) {
  /**
   * Why this recipient must not be sent to now (no address, no consent, a suppressed address, a
   * topic left), or null if it may be. The frequency cap is separate: {@link #cap()}.
   */
  public String suppressionReason() {
    if (email == null || email.isBlank()) {
      return "no e-mail address";
    }
    if (!consent) {
      // The ledger sets the state; the source says how the person (or their mail system) said no.
      if ("withdrawn".equals(consentState)) {
        return switch (String.valueOf(consentSource)) {
          case "complaint" -> "complained";
          case "bounce" -> "bounced";
          default -> "unsubscribed";
        };
      }
      return "no e-mail consent";
    }
    if (suppression != null) {
      return "address suppressed: " + suppression;
    }
    if (leftTopic != null) {
      return "left the topic '" + leftTopic + "'";
    }
    return null;
  }

  /** This recipient with its suppression-list entry. */
  ClaimedRecipient withSuppression(String reason) {
    return new ClaimedRecipient(
        id,
        customerId,
        arm,
        attempts,
        email,
        consent,
        consentState,
        consentSource,
        frequency,
        reason,
        leftTopic,
        cap,
        triggerProductId,
        messageId);
  }

  /** This recipient over the frequency cap for {@code reason}. */
  ClaimedRecipient withCap(String reason) {
    return new ClaimedRecipient(
        id,
        customerId,
        arm,
        attempts,
        email,
        consent,
        consentState,
        consentSource,
        frequency,
        suppression,
        leftTopic,
        reason,
        triggerProductId,
        messageId);
  }
}
