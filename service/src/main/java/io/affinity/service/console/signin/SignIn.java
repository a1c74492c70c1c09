package io.affinity.service.console.signin;

import io.affinity.core.audit.AuditLog;
import io.affinity.service.console.session.ConsoleSession;
import io.affinity.service.console.session.ConsoleSessions;
import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.PasswordHasher;
import io.affinity.service.security.AuthFailureLimiter;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks a user name and password and opens a session, behind the same brake as the API's keys
 * ({@link io.affinity.service.security.AuthFailureLimiter}, with counts of its own): after too many
 * wrong passwords from one client, every attempt from it is refused until the period ends, a right
 * one too. Every sign-in, failure and sign-out is written to the audit log.
 */
@Singleton
public class SignIn {
  /** Audit action: a user signed in. */
  public static final String SIGN_IN = "sign-in";

  /** Audit action: a sign-in was refused (wrong name or password, or the brake). */
  public static final String SIGN_IN_FAILED = "sign-in-failed";

  /** Audit action: a user signed out. */
  public static final String SIGN_OUT = "sign-out";

  /** Audit subject type: a console user, named by their user name. */
  public static final String CONSOLE_USER = "console-user";

  private static final String BRAKE_PREFIX = "console ";

  private final ConsoleUsers users;
  private final PasswordHasher hasher;
  private final ConsoleSessions sessions;
  private final AuthFailureLimiter limiter;
  private final AuditLog audit;
  private final TransactionOperations<Connection> tx;

  public SignIn(
      ConsoleUsers users,
      PasswordHasher hasher,
      ConsoleSessions sessions,
      AuthFailureLimiter limiter,
      AuditLog audit,
      TransactionOperations<Connection> tx) {
    this.users = users;
    this.hasher = hasher;
    this.sessions = sessions;
    this.limiter = limiter;
    this.audit = audit;
    this.tx = tx;
  }

  /**
   * Signs {@code username} in from {@code client} if {@code password} is theirs, ending the sign-in
   * form's session {@code previous}.
   */
  public SignInResult attempt(String username, String password, String client, String previous) {
    String brakeKey = BRAKE_PREFIX + client;
    Optional<Duration> wait = limiter.coolDown(brakeKey);
    if (wait.isPresent()) {
      record(username, SIGN_IN_FAILED, "client " + client + ": too many failures, braked");
      return new SignInResult(null, wait.get());
    }
    Optional<ConsoleUsers.Account> account =
        username.isEmpty() ? Optional.empty() : users.account(username);
    // Checked against a dummy hash when the user is unknown: the same time either way.
    boolean ok =
        hasher.matches(password, account.map(ConsoleUsers.Account::passwordHash).orElse(null));
    if (!ok || account.isEmpty()) {
      limiter.failed(brakeKey);
      record(username, SIGN_IN_FAILED, "client " + client + ": wrong user name or password");
      return new SignInResult(null, limiter.coolDown(brakeKey).orElse(null));
    }
    ConsoleSession session = sessions.signIn(username, account.get().user().role(), previous);
    users.signedIn(account.get().user().id());
    record(username, SIGN_IN, "client " + client);
    return new SignInResult(session, null);
  }

  /** Ends {@code session} of {@code username}. */
  public void signOut(String sessionId, String username, String client) {
    sessions.end(sessionId);
    record(username, SIGN_OUT, "client " + client);
  }

  private void record(String username, String action, String detail) {
    String name = username.isEmpty() ? "-" : username;
    tx.executeWrite(
        status ->
            audit.append(status.getConnection(), name, action, CONSOLE_USER, clip(name), detail));
  }

  private static String clip(String s) {
    return s.length() <= 100 ? s : s.substring(0, 100);
  }
}
