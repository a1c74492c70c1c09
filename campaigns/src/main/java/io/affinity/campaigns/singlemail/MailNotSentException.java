package io.affinity.campaigns.singlemail;

/**
 * The SMTP server did not take a single message: refused for good ({@link #permanent()}, such as an
 * unknown mailbox: the API answers 422), or unreachable or refusing for now (503).
 */
public class MailNotSentException extends RuntimeException {
  private final boolean permanent;

  public MailNotSentException(String message, boolean permanent) {
    super(message);
    this.permanent = permanent;
  }

  /** Whether the server refused the message for good, so that sending again will not help. */
  public boolean permanent() {
    return permanent;
  }
}
