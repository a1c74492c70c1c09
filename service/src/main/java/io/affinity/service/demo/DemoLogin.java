package io.affinity.service.demo;

import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.PasswordHasher;
import io.affinity.service.console.users.Passwords;
import io.affinity.service.console.users.Role;
import io.affinity.service.security.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's console login: user {@value #USERNAME} (an admin), with a password generated on the
 * first run and kept in the data directory (readable by its owner only), so that the demo can print
 * it every time while the database keeps only its hash.
 */
public record DemoLogin(String username, String password) {
  /** The demo user's name. */
  public static final String USERNAME = "demo";

  /** The file, in the data directory, that holds the password. */
  public static final String FILE = "demo-console-password.txt";

  /** The demo login, created (user and password file) if missing or out of step. */
  public static DemoLogin ensure(Path dataDir, ConsoleUsers users, PasswordHasher hasher) {
    Path file = dataDir.resolve(FILE);
    try {
      String password = Files.exists(file) ? Files.readString(file).strip() : "";
      if (PasswordHasher.problem(password) != null) {
        password = Passwords.generate();
        Files.createDirectories(dataDir);
        Files.writeString(file, password + "\n");
        OwnerOnlyFiles.restrict(file);
      }
      String known = password;
      boolean current =
          users.account(USERNAME).map(a -> hasher.matches(known, a.passwordHash())).orElse(false);
      if (!current) {
        if (users.account(USERNAME).isPresent()) {
          users.reset(USERNAME, password, Role.ADMIN);
        } else {
          users.create(USERNAME, password, Role.ADMIN);
        }
      }
      return new DemoLogin(USERNAME, password);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the demo console password in " + file, e);
    }
  }
}
