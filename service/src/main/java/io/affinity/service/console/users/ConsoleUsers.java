package io.affinity.service.console.users;

import io.affinity.core.error.InvalidInputException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The console's user accounts in table {@code console_users}. */
@Singleton
public class ConsoleUsers {
  /** Letters, digits and {@code . _ @ -}, 1 to 100 characters. */
  public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

  private final TransactionOperations<Connection> tx;
  private final PasswordHasher hasher;

  public ConsoleUsers(TransactionOperations<Connection> tx, PasswordHasher hasher) {
    this.tx = tx;
    this.hasher = hasher;
  }

  /** A user and its password hash, for the sign-in check. */
  public record Account(ConsoleUser user, String passwordHash) {}

  /**
   * Creates {@code username} with {@code role}; {@link InvalidInputException} for a bad name or
   * password or a name that is taken.
   */
  public ConsoleUser create(String username, String password, Role role) {
    check(username, password);
    String hash = hasher.hash(password);
    long now = System.currentTimeMillis();
    return tx.executeWrite(
        status -> {
          Connection c = status.getConnection();
          if (find(c, username).isPresent()) {
            throw new InvalidInputException("username", "'" + username + "' is taken");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO console_users (username, password_hash, role, created_at,"
                      + " updated_at) VALUES (?, ?, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, username);
            ps.setString(2, hash);
            ps.setString(3, role.wireName());
            ps.setLong(4, now);
            ps.setLong(5, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              keys.next();
              return new ConsoleUser(
                  keys.getLong(1), username, role, Instant.ofEpochMilli(now), null);
            }
          }
        });
  }

  /** Sets a new password (and role) of an existing user; false if there is no such user. */
  public boolean reset(String username, String password, Role role) {
    check(username, password);
    String hash = hasher.hash(password);
    return tx.executeWrite(
        status -> {
          try (PreparedStatement ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "UPDATE console_users SET password_hash = ?, role = ?, updated_at = ?"
                          + " WHERE username = ?")) {
            ps.setString(1, hash);
            ps.setString(2, role.wireName());
            ps.setLong(3, System.currentTimeMillis());
            ps.setString(4, username);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** The account named {@code username}, with its hash. */
  public Optional<Account> account(String username) {
    return tx.executeRead(status -> find(status.getConnection(), username));
  }

  /** Notes a successful sign-in. */
  public void signedIn(long id) {
    tx.executeWrite(
        status -> {
          try (PreparedStatement ps =
              status
                  .getConnection()
                  .prepareStatement("UPDATE console_users SET last_sign_in_at = ? WHERE id = ?")) {
            ps.setLong(1, System.currentTimeMillis());
            ps.setLong(2, id);
            return ps.executeUpdate();
          }
        });
  }

  /** Every user, by name. */
  public List<ConsoleUser> all() {
    return tx.executeRead(
        status -> {
          List<ConsoleUser> users = new ArrayList<>();
          try (PreparedStatement ps =
                  status
                      .getConnection()
                      .prepareStatement(
                          "SELECT id, username, password_hash, role, created_at, last_sign_in_at"
                              + " FROM console_users ORDER BY username");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              users.add(read(rs).user());
            }
          }
          return users;
        });
  }

  private static void check(String username, String password) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new InvalidInputException(
          "username", "must be 1 to 100 letters, digits or . _ @ -, got '" + username + "'");
    }
    String problem = PasswordHasher.problem(password);
    if (problem != null) {
      throw new InvalidInputException("password", problem);
    }
  }

  private static Optional<Account> find(Connection c, String username) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, username, password_hash, role, created_at, last_sign_in_at"
                + " FROM console_users WHERE username = ?")) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private static Account read(ResultSet rs) throws SQLException {
    long last = rs.getLong(6);
    @Nullable Instant lastSignIn = rs.wasNull() ? null : Instant.ofEpochMilli(last);
    Role role = Role.of(rs.getString(4)).orElse(Role.MARKETER);
    return new Account(
        new ConsoleUser(
            rs.getLong(1), rs.getString(2), role, Instant.ofEpochMilli(rs.getLong(5)), lastSignIn),
        rs.getString(3));
  }
}
