package io.affinity.campaigns.campaign;

import io.affinity.core.error.FieldError;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;

/**
 * The sender of a campaign or trigger ({@code fromAddress}, {@code fromName}), checked the same way
 * wherever a marketer gives one: they become headers, so a line break must never get through.
 */
public final class SenderFields {
  private SenderFields() {}

  /** Adds to {@code errors} what is wrong with {@code fromAddress} and {@code fromName}. */
  public static void check(String fromAddress, String fromName, List<FieldError> errors) {
    if (fromAddress == null || fromAddress.isBlank()) {
      errors.add(new FieldError("fromAddress", "is required"));
    } else if (hasLineBreak(fromAddress) || !isAddress(fromAddress)) {
      errors.add(new FieldError("fromAddress", "must be one plain e-mail address"));
    }
    if (fromName != null && (hasLineBreak(fromName) || fromName.length() > 200)) {
      errors.add(
          new FieldError("fromName", "must be one line (no CR or LF), at most 200 characters"));
    }
  }

  private static boolean hasLineBreak(String s) {
    return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
  }

  private static boolean isAddress(String s) {
    try {
      InternetAddress a = new InternetAddress(s, true);
      return a.getPersonal() == null && a.getAddress().equals(s.trim()) && s.contains("@");
    } catch (AddressException e) {
      return false;
    }
  }
}
