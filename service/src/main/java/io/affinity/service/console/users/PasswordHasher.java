package io.affinity.service.console.users;

import at.favre.lib.crypto.bcrypt.BCrypt;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt password hashes (cost 12, a random salt each). bcrypt reads at most 72 bytes, so longer
 * passwords are refused when set rather than cut silently; a check of one always fails.
 */
@Singleton
public class PasswordHasher {
  /** The most UTF-8 bytes bcrypt reads. */
  public static final int MAX_BYTES = 72;

  /** The fewest characters a password may have. */
  public static final int MIN_LENGTH = 10;

  private static final int COST = 12;

  // Checked against when the user is unknown, so that a wrong name takes as long as a wrong
  // password and the answer time does not tell which names exist.
  private final String dummy = hash("no such user, no such password");

  /** The hash of {@code password}; {@link IllegalArgumentException} if it is too short or long. */
  public String hash(String password) {
    String problem = problem(password);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  /** Whether {@code password} matches {@code hash}; a null hash is checked against a dummy. */
  public boolean matches(String password, String hash) {
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return false;
    }
    String against = hash == null ? dummy : hash;
    boolean ok = BCrypt.verifyer().verify(password.toCharArray(), against).verified;
    return ok && hash != null;
  }

  /** Why {@code password} cannot be used, or null if it can. */
  public static String problem(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      return "must have at least " + MIN_LENGTH + " characters";
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "must have at most " + MAX_BYTES + " bytes (bcrypt reads no more)";
    }
    return null;
  }
}
