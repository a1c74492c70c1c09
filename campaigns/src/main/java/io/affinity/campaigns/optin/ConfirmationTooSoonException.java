package io.affinity.campaigns.optin;

/**
 * A confirmation e-mail went to the customer less than the resend interval ago: 429 with the
 * seconds to wait.
 */
public class ConfirmationTooSoonException extends RuntimeException {
  private final long retryAfterSeconds;

  public ConfirmationTooSoonException(String message, long retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Seconds until another confirmation may be sent. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
