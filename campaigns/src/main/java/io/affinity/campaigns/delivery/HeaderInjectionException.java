package io.affinity.campaigns.delivery;

/** A header value (subject, address) carried CR or LF and would have started a new header. */
public class HeaderInjectionException extends IllegalArgumentException {
  public HeaderInjectionException(String header) {
    super("The " + header + " contains a line break (CR or LF); the message was not sent");
  }
}
