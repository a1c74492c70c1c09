package io.affinity.service.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model every console page starts from: its title, which navigation entry is current, the
 * signed-in user and the CSRF token its forms carry (in the field {@link #CSRF_FIELD}).
 */
public final class Page {
  /** The form field that carries the CSRF token (micronaut-security-csrf's default name). */
  public static final String CSRF_FIELD = "csrfToken";

  /** The attribute of an {@link Authentication} that holds its session's CSRF token. */
  public static final String CSRF_ATTRIBUTE = "csrf";

  /** The attribute of an {@link Authentication} that holds the user's role. */
  public static final String ROLE_ATTRIBUTE = "role";

  private Page() {}

  /** The base model of a page titled {@code title} under navigation entry {@code nav}. */
  public static Map<String, Object> of(
      String title, String nav, @Nullable Authentication authentication) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title);
    m.put("nav", nav);
    m.put("csrfField", CSRF_FIELD);
    if (authentication != null) {
      Object role = authentication.getAttributes().get(ROLE_ATTRIBUTE);
      m.put(
          "user",
          Map.of(
              "name", authentication.getName(),
              "role", role == null ? "" : role.toString(),
              "admin", authentication.getRoles().contains("admin")));
      Object csrf = authentication.getAttributes().get(CSRF_ATTRIBUTE);
      m.put("csrf", csrf == null ? "" : csrf.toString());
    }
    return m;
  }
}
