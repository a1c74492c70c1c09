package io.affinity.campaigns.optin;

import io.affinity.campaigns.compose.ComposedMessage;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The confirmation e-mail: a plain message with the link, in a text and an HTML part, without a
 * tracking pixel, tracked links or a List-Unsubscribe header (it is not marketing: it asks whether
 * the person wants marketing at all).
 */
final class ConfirmationEmail {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private ConfirmationEmail() {}

  /** The message to {@code address} ({@code name} may be null) with {@code link}. */
  static ComposedMessage of(
      String address, @Nullable String name, String subject, String link, long expiresAtMillis) {
    String until = DATE.format(Instant.ofEpochMilli(expiresAtMillis));
    String greeting = name == null || name.isBlank() ? "Hello," : "Hello " + name.strip() + ",";
    String text =
        greeting
            + "\n\nplease confirm that you want to receive our e-mails at "
            + address
            + " by opening this link and pressing the button on the page:\n\n"
            + link
            + "\n\nThe link works until "
            + until
            + ". If you did not ask for this, ignore this message: nothing changes.\n";
    String html =
        "<!DOCTYPE html><html><body style=\"font-family: Arial, sans-serif\"><p>"
            + escape(greeting)
            + "</p><p>please confirm that you want to receive our e-mails at "
            + escape(address)
            + ".</p><p><a href=\""
            + escape(link)
            + "\">Confirm my subscription</a></p><p>The link works until "
            + escape(until)
            + ". If you did not ask for this, ignore this message: nothing changes.</p>"
            + "</body></html>";
    return new ComposedMessage(address, name, subject, html, text, null);
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
