package io.affinity.service.console.campaigns;

import io.affinity.core.error.NotFoundException;
import io.micronaut.security.authentication.Authentication;

/**
 * Who may do what on this page: marketers and admins change campaigns (create, edit, copy, launch,
 * pause, resume, cancel); analysts read them and their reports, and register external campaigns.
 */
final class Roles {
  /** The roles that change campaigns, as {@code @Secured} takes them. */
  static final String MARKETER = "marketer";

  static final String ADMIN = "admin";

  private Roles() {}

  static boolean mayChange(Authentication a) {
    return a.getRoles().contains(MARKETER) || a.getRoles().contains(ADMIN);
  }

  /** The campaign id in a path; a 404 for anything but a positive number. */
  static long id(String text) {
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // as unknown
    }
    throw new NotFoundException("campaign", text);
  }
}
