package io.affinity.service.console;

import io.micronaut.core.annotation.Nullable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a posted console form ({@code application/x-www-form-urlencoded}): the last value
 * of each name, missing fields empty. A body over {@link #MAX_BODY} is read as empty, so that a
 * huge post costs nothing (and then fails its CSRF check).
 */
public final class PostedForm {
  /** The largest body read. */
  public static final int MAX_BODY = 64 * 1024;

  private final Map<String, String> fields;

  private PostedForm(Map<String, String> fields) {
    this.fields = fields;
  }

  /** The form in {@code body}. */
  public static PostedForm parse(@Nullable String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (body != null && body.length() <= MAX_BODY) {
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          fields.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
      }
    }
    return new PostedForm(fields);
  }

  /** Field {@code name}, stripped; empty when missing. */
  public String get(String name) {
    return fields.getOrDefault(name, "").strip();
  }

  /** Field {@code name}, stripped, or null when missing or blank. */
  public @Nullable String orNull(String name) {
    String v = get(name);
    return v.isEmpty() ? null : v;
  }

  /** Whether a checkbox {@code name} was ticked (sent at all). */
  public boolean ticked(String name) {
    return fields.containsKey(name);
  }

  /** The CSRF token the form carried. */
  public String csrfToken() {
    return fields.getOrDefault(Page.CSRF_FIELD, "");
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
