package io.affinity.service.console.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.affinity.service.console.ConsoleProperties;
import io.affinity.service.console.users.Role;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's sessions, held in memory: a restart signs everyone out. Signed-in sessions expire
 * after the configured idle time; the sign-in page's sessions (one per visit of the form, so that
 * its CSRF token has somewhere to live) after 30 minutes, in a bound cache of their own so that
 * loading the form many times never pushes out a signed-in user.
 */
@Singleton
public class ConsoleSessions {
  private static final Duration ANONYMOUS_IDLE = Duration.ofMinutes(30);
  private static final long MAX_ANONYMOUS = 20_000;

  private final SecureRandom random = new SecureRandom();
  private final Cache<String, ConsoleSession> signedIn;
  private final Cache<String, ConsoleSession> anonymous;
  private final CsrfTokens tokens;

  public ConsoleSessions(ConsoleProperties properties, CsrfTokens tokens) {
    this.tokens = tokens;
    signedIn =
        Caffeine.newBuilder()
            .maximumSize(properties.getMaxSessions())
            .expireAfterAccess(properties.getIdleTimeout())
            .build();
    anonymous =
        Caffeine.newBuilder().maximumSize(MAX_ANONYMOUS).expireAfterWrite(ANONYMOUS_IDLE).build();
  }

  /** A new session for the sign-in form. */
  public ConsoleSession startAnonymous() {
    String id = token();
    ConsoleSession s = new ConsoleSession(id, null, null, tokens.tokenFor(id));
    anonymous.put(s.id(), s);
    return s;
  }

  /**
   * A new signed-in session for {@code username}; {@code previous} (the sign-in form's) ends, so
   * that an id known before sign-in is worth nothing after it.
   */
  public ConsoleSession signIn(String username, Role role, String previous) {
    end(previous);
    String id = token();
    ConsoleSession s = new ConsoleSession(id, username, role, tokens.tokenFor(id));
    signedIn.put(s.id(), s);
    return s;
  }

  /** The live session of {@code id}. */
  public Optional<ConsoleSession> find(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    ConsoleSession s = signedIn.getIfPresent(id);
    return s != null ? Optional.of(s) : Optional.ofNullable(anonymous.getIfPresent(id));
  }

  /** Ends session {@code id} (sign-out); nothing if there is none. */
  public void end(String id) {
    if (id != null) {
      signedIn.invalidate(id);
      anonymous.invalidate(id);
    }
  }

  /** Ends every session of {@code username} (its password or role changed). */
  public void endAllOf(String username) {
    signedIn.asMap().values().removeIf(s -> username.equals(s.username()));
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
