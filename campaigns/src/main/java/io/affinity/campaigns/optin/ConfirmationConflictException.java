package io.affinity.campaigns.optin;

/** A confirmation that cannot be sent as things are (the customer has no address): 409. */
public class ConfirmationConflictException extends RuntimeException {
  public ConfirmationConflictException(String message) {
    super(message);
  }
}
