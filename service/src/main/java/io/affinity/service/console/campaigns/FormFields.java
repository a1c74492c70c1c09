package io.affinity.service.console.campaigns;

import io.micronaut.core.annotation.Nullable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a posted form ({@code application/x-www-form-urlencoded}): the last value of each
 * name, blanks stripped. A body over {@value #MAX_BODY} bytes is read as empty (no form of this
 * page is that long), so that it fails the CSRF check rather than filling memory.
 */
final class FormFields {
  static final int MAX_BODY = 64 * 1024;

  private final Map<String, String> values;

  private FormFields(Map<String, String> values) {
    this.values = values;
  }

  static FormFields parse(@Nullable String body) {
    Map<String, String> values = new LinkedHashMap<>();
    if (body != null && body.length() <= MAX_BODY) {
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          values.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)).strip());
        }
      }
    }
    return new FormFields(values);
  }

  /** The field's value, empty when it was not sent. */
  String get(String name) {
    return values.getOrDefault(name, "");
  }

  /** Whether a checkbox named {@code name} was ticked. */
  boolean ticked(String name) {
    String v = get(name);
    return v.equals("on") || v.equals("true") || v.equals("yes");
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
