package io.affinity.core.error;

import java.util.List;

/**
 * The client sent something we will not store; nothing of the request was written.
 *
 * <p>Carries every problem found, not just the first, so that a client can fix a batch in one go.
 */
public class InvalidInputException extends RuntimeException {
  private final List<FieldError> errors;

  public InvalidInputException(String message, List<FieldError> errors) {
    super(message);
    this.errors = List.copyOf(errors);
  }

  public InvalidInputException(String field, String reason) {
    this(field + ": " + reason, List.of(new FieldError(field, reason)));
  }

  /** The problems found, in request order. */
  public List<FieldError> errors() {
    return errors;
  }
}
