package io.affinity.campaigns.delivery;

/**
 * What became of one attempt to hand a message to the SMTP server.
 *
 * @param kind accepted, temporary (4xx: retry later), permanent (5xx: hard bounce) or unknown (the
 *     connection broke while the server may have accepted it)
 * @param code the SMTP reply code, or 0 when there was none
 * @param detail the server's reply or the error, for the recipient's row
 */
public record SendOutcome(Kind kind, int code, String detail) {
  /** The kinds of outcome. */
  public enum Kind {
    ACCEPTED,
    TEMPORARY,
    PERMANENT,
    UNKNOWN,
    /** Nothing was sent: the connection could not even be opened. */
    NOT_SENT
  }

  static SendOutcome accepted() {
    return new SendOutcome(Kind.ACCEPTED, 250, null);
  }
}
