package io.affinity.campaigns.delivery;

/**
 * A recipient a worker has claimed, with what the send-time checks need.
 *
 * @param id the recipient row
 * @param customerId our id of the customer
 * @param arm the variant it was assigned
 * @param attempts attempts made before this one
 * @param email the customer's address now, or null
 * @param consent whether the customer consents to marketing e-mail now
 * @param consentSource where consent was last given or withdrawn ({@code unsubscribe}, ...)
 * @param suppression why the address is suppressed (bounced, complained), or null
 * @param triggerProductId for a trigger's recipient, the product whose purchase fired it (our id);
 *     null otherwise
 */
public record ClaimedRecipient(
    long id,
    long customerId,
    String arm,
    int attempts,
    String email,
    boolean consent,
    String consentSource,
    String suppression,
    Long triggerProductId) {

  /** Why this recipient must not be sent to now, or null if it may be. */
  public String suppressionReason() {
    if (email == null || email.isBlank()) {
      return "no e-mail address";
    }
    if (!consent) {
      return "unsubscribe".equals(consentSource) ? "unsubscribed" : "no e-mail consent";
    }
    if (suppression != null) {
      return "address suppressed: " + suppression;
    }
    return null;
  }
}
