package io.affinity.service.console.signin;

import io.affinity.service.console.Page;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The user name, password and CSRF token of a posted sign-in form ({@code
 * application/x-www-form-urlencoded}); missing fields are empty, and a body over 4 KiB is read as
 * empty (no name is that long).
 */
record Credentials(String username, String password, String csrfToken) {
  static final int MAX_BODY = 4096;

  static Credentials parse(String body) {
    String username = "";
    String password = "";
    String csrfToken = "";
    if (body != null && body.length() <= MAX_BODY) {
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String name = decode(pair.substring(0, eq));
        String value = decode(pair.substring(eq + 1));
        if (name.equals("username")) {
          username = value.strip();
        } else if (name.equals("password")) {
          password = value;
        } else if (name.equals(Page.CSRF_FIELD)) {
          csrfToken = value;
        }
      }
    }
    return new Credentials(username, password, csrfToken);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
