package io.affinity.service.problem;

/** A request body that could not be read (not JSON, a wrong type, an unknown field). */
public class MalformedRequestException extends RuntimeException {
  private final String field;

  /**
   * @param field path of the unreadable value ({@code [3].quantity}), or {@code body}
   * @param reason what the parser objected to
   */
  public MalformedRequestException(String field, String reason) {
    super(reason);
    this.field = field;
  }

  /** Path of the unreadable value. */
  public String field() {
    return field;
  }
}
