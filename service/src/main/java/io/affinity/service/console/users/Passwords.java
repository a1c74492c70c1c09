package io.affinity.service.console.users;

import java.security.SecureRandom;

/** Generated passwords: 20 characters from an alphabet without look-alikes (about 115 bits). */
public final class Passwords {
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Passwords() {}

  /** A new random password. */
  public static String generate() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }
}
