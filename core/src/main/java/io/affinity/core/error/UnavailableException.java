package io.affinity.core.error;

/** The service cannot answer yet (no model trained, say); the client may retry later. */
public class UnavailableException extends RuntimeException {
  public UnavailableException(String message) {
    super(message);
  }
}
