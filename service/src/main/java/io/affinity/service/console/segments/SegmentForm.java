package io.affinity.service.console.segments;

import io.affinity.service.console.Page;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The fields of a posted segment form ({@code application/x-www-form-urlencoded}): name,
 * description, the rule tree as JSON text (written by the builder into a hidden field) and the CSRF
 * token. Missing fields are empty.
 *
 * @param tooLarge the body was over {@link #MAX_BODY} characters and was not read
 */
record SegmentForm(
    String name, String description, String rules, String csrfToken, boolean tooLarge) {
  /**
   * The longest body read: a tree at the grammar's limits (200 nodes, lists of 1,000 short values)
   * fits with room to spare, URL-encoded.
   */
  static final int MAX_BODY = 2 * 1024 * 1024;

  static SegmentForm parse(String body) {
    String name = "";
    String description = "";
    String rules = "";
    String csrfToken = "";
    boolean tooLarge = body != null && body.length() > MAX_BODY;
    if (body != null && !tooLarge) {
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String value = decode(pair.substring(eq + 1));
        switch (decode(pair.substring(0, eq))) {
          case "name" -> name = value.strip();
          case "description" -> description = value.strip();
          case "rules" -> rules = value;
          case Page.CSRF_FIELD -> csrfToken = value;
          default -> {
            // other fields (the builder's own inputs, when posted without JavaScript) are ignored
          }
        }
      }
    }
    return new SegmentForm(name, description, rules, csrfToken, tooLarge);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
