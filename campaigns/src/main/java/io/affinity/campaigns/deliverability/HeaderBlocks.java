package io.affinity.campaigns.deliverability;

import io.micronaut.core.annotation.Nullable;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The machine-readable parts of reports are blocks of header fields separated by blank lines: a
 * {@code message/delivery-status} part is one block about the message and one per recipient (RFC
 * 3464), a {@code message/feedback-report} part one block (RFC 5965). Each block is read with
 * {@link InternetHeaders}.
 */
final class HeaderBlocks {
  private HeaderBlocks() {}

  /** The blocks of {@code body}, blank ones skipped. */
  static List<InternetHeaders> of(byte[] body) throws MessagingException {
    String text =
        new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
    List<InternetHeaders> blocks = new ArrayList<>();
    for (String block : text.split("\n[ \t]*\n")) {
      if (block.isBlank()) {
        continue;
      }
      // Leading blank lines would end InternetHeaders at once.
      String trimmed = block.replaceFirst("^\\s+", "");
      blocks.add(
          new InternetHeaders(
              new ByteArrayInputStream((trimmed + "\r\n\r\n").getBytes(StandardCharsets.UTF_8))));
    }
    return blocks;
  }

  /** The first value of {@code name} in {@code h}, unfolded and trimmed, or null. */
  static @Nullable String first(@Nullable InternetHeaders h, String name) {
    if (h == null) {
      return null;
    }
    String[] values = h.getHeader(name);
    if (values == null || values.length == 0 || values[0] == null) {
      return null;
    }
    String v = values[0].replaceAll("\\r?\\n[ \\t]+", " ").trim();
    return v.isEmpty() ? null : v;
  }

  /** Every value of {@code name} in {@code h}, unfolded and trimmed. */
  static List<String> all(@Nullable InternetHeaders h, String name) {
    List<String> out = new ArrayList<>();
    String[] values = h == null ? null : h.getHeader(name);
    if (values != null) {
      for (String v : values) {
        if (v != null && !v.isBlank()) {
          out.add(v.replaceAll("\\r?\\n[ \\t]+", " ").trim());
        }
      }
    }
    return out;
  }

  /**
   * The address of a typed address field ({@code rfc822; jane@example.com}, RFC 3464 and 5965), or
   * of a plain one ({@code <jane@example.com>}); null if there is none.
   */
  static @Nullable String address(@Nullable String field) {
    if (field == null) {
      return null;
    }
    String v = field;
    int semi = v.indexOf(';');
    if (semi >= 0 && v.substring(0, semi).matches("\\s*[A-Za-z][A-Za-z0-9-]*\\s*")) {
      v = v.substring(semi + 1);
    }
    v = v.trim();
    int open = v.indexOf('<');
    int close = v.indexOf('>', open + 1);
    if (open >= 0 && close > open) {
      v = v.substring(open + 1, close).trim();
    }
    return v.contains("@") ? v : null;
  }

  /** An RFC 5322 date as epoch millis, or null if it does not parse. */
  static @Nullable Long date(@Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      Date d = new MailDateFormat().parse(value);
      return d == null ? null : d.getTime();
    } catch (ParseException | RuntimeException e) {
      return null;
    }
  }
}
