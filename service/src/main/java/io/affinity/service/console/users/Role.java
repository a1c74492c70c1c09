package io.affinity.service.console.users;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a console user may do: marketers and analysts use the pages, admins also the settings. */
public enum Role {
  MARKETER,
  ANALYST,
  ADMIN;

  /** The role's name in the database, the configuration and {@code @Secured}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code name} (any case), if there is one. */
  public static Optional<Role> of(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName().equalsIgnoreCase(name)).findFirst();
  }
}
