package io.affinity.core.consent;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes e-mail addresses out of free text kept after the person may be erased (a bounce reply, a
 * report's diagnostic, a suppression's detail): each becomes {@value #PLACEHOLDER}.
 */
public final class AddressRedaction {
  /** What an address is replaced by. */
  public static final String PLACEHOLDER = "[address]";

  // Anything shaped like local@domain between the characters SMTP replies and DSNs put around an
  // address (<jane@example.com>, "jane@example.com", (jane@example.com), ... jane@example.com:).
  private static final Pattern ANY_ADDRESS =
      Pattern.compile("[^\\s<>\"'(),;:\\[\\]]+@[^\\s<>\"'(),;:\\[\\]]+");

  private AddressRedaction() {}

  /**
   * {@code text} with {@code address} (if not null or blank; in any case, since a server may
   * upper-case it) and then anything else shaped like an address replaced by {@value #PLACEHOLDER}.
   * The known address goes first because the shape misses some valid ones (a quoted local part with
   * a space). Null stays null.
   */
  public static String redact(String text, String address) {
    if (text == null) {
      return null;
    }
    String out = text;
    if (address != null && !address.isBlank()) {
      out =
          Pattern.compile(
                  Pattern.quote(address.trim()), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
              .matcher(out)
              .replaceAll(Matcher.quoteReplacement(PLACEHOLDER));
    }
    return ANY_ADDRESS.matcher(out).replaceAll(Matcher.quoteReplacement(PLACEHOLDER));
  }
}
