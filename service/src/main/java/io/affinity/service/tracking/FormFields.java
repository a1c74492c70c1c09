package io.affinity.service.tracking;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a small {@code application/x-www-form-urlencoded} body into its fields, strictly: a field
 * named twice, a malformed escape or an oversized body is a bad form, not a guess.
 */
final class FormFields {
  /** The longest body the unsubscribe forms send, with room to spare. */
  static final int MAX_BODY = 2048;

  private FormFields() {}

  /**
   * The fields of {@code body} in order; empty for an empty body.
   *
   * @throws IllegalArgumentException if the body is not a well-formed small form
   */
  static Map<String, String> parse(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (body == null) {
      return fields;
    }
    String text = body.strip();
    if (text.length() > MAX_BODY) {
      throw new IllegalArgumentException("the form is too long");
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("not a form field: a name=value pair is expected");
      }
      String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (fields.put(name, value) != null) {
        throw new IllegalArgumentException("a field is sent twice");
      }
    }
    return fields;
  }

  /**
   * Whether {@code fields} are exactly the RFC 8058 one-click unsubscribe: {@code
   * List-Unsubscribe=One-Click} and nothing else.
   */
  static boolean isOneClick(Map<String, String> fields) {
    return fields.size() == 1 && "One-Click".equals(fields.get("List-Unsubscribe"));
  }
}
