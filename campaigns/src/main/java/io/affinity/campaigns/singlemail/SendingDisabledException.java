package io.affinity.campaigns.singlemail;

/**
 * A message was asked for while sending is not configured; the API answers 409 saying what to set.
 */
public class SendingDisabledException extends RuntimeException {
  public SendingDisabledException(String message) {
    super(message);
  }
}
