package io.affinity.campaigns.deliverability;

import io.affinity.core.consent.AddressRedaction;
import io.micronaut.core.annotation.Nullable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tidies the diagnostics of reports before they are stored: addresses blanked out (the report is
 * kept after the person is erased), the diagnostic type of a DSN ({@code smtp;}) dropped, and the
 * status given once ({@code 550 5.1.1 ...}, not {@code 5.1.1 550 5.1.1 ...}).
 */
public final class Diagnostics {
  static final int MAX = 500;
  private static final Pattern TYPE = Pattern.compile("^[A-Za-z][A-Za-z0-9-]*;\\s*");
  private static final Pattern REPLY = Pattern.compile("^(\\d{3})\\s+");
  private static final Pattern REPEATED_CODE = Pattern.compile("^(\\d{3})[ -]\\1\\b\\s*");

  private Diagnostics() {}

  /**
   * {@code text} with {@code address} (in any case) and every other address replaced by {@code
   * [address]} ({@link AddressRedaction}), clipped; null stays null.
   */
  static @Nullable String redact(@Nullable String text, @Nullable String address) {
    return clip(AddressRedaction.redact(text, address));
  }

  /**
   * One line from a status ({@code 5.1.1}) and a diagnostic ({@code smtp; 550 5.1.1 User unknown}):
   * the diagnostic without its type, preceded by the status only if it does not already say it.
   */
  public static @Nullable String describe(@Nullable String status, @Nullable String diagnostic) {
    String text = diagnostic == null ? "" : diagnostic.replaceAll("\\s+", " ").trim();
    text = TYPE.matcher(text).replaceFirst("");
    text = REPEATED_CODE.matcher(text).replaceFirst("$1 ");
    String s = status == null ? "" : status.trim();
    if (!s.isEmpty() && !text.contains(s)) {
      // As an SMTP reply writes it: 550 5.1.1 User unknown.
      Matcher reply = REPLY.matcher(text);
      text =
          reply.find()
              ? reply.group(1) + " " + s + " " + text.substring(reply.end())
              : (s + " " + text);
    }
    return text.isEmpty() ? null : clip(text.trim());
  }

  static @Nullable String clip(@Nullable String text) {
    return text == null || text.length() <= MAX ? text : text.substring(0, MAX);
  }
}
