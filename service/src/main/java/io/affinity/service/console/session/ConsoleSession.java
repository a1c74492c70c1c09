package io.affinity.service.console.session;

import io.affinity.service.console.users.Role;
import io.micronaut.core.annotation.Nullable;

/**
 * A console session.
 *
 * @param id the random id its cookie carries
 * @param username the signed-in user, null before sign-in (the sign-in page's session)
 * @param role the user's role, null before sign-in
 * @param csrfToken the token every form of this session must send back
 */
public record ConsoleSession(
    String id, @Nullable String username, @Nullable Role role, String csrfToken) {

  /** Whether a user signed in with this session. */
  public boolean signedIn() {
    return username != null;
  }
}
