package io.affinity.campaigns.delivery;

/**
 * Keeps header values on one line. Subjects and addresses with CR or LF are refused: a message
 * whose subject was tampered with is not sent. Display names are neutralised instead (line breaks
 * become spaces): the name is then only text inside the encoded phrase of one header.
 */
public final class SafeHeaders {
  private SafeHeaders() {}

  /** {@code value} unchanged if it is one line; otherwise {@link HeaderInjectionException}. */
  public static String oneLine(String header, String value) {
    if (value != null && hasLineBreak(value)) {
      throw new HeaderInjectionException(header);
    }
    return value;
  }

  /** {@code name} with every CR, LF and other control character replaced by a space. */
  public static String neutralised(String name) {
    if (name == null) {
      return null;
    }
    StringBuilder s = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      s.append(Character.isISOControl(ch) ? ' ' : ch);
    }
    return s.toString().trim();
  }

  /** Whether {@code value} contains CR or LF. */
  public static boolean hasLineBreak(String value) {
    return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
  }
}
