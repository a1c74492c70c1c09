package io.affinity.service.console.session;

import io.affinity.service.console.ConsoleProperties;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * The session cookie: HttpOnly (no script reads it), SameSite as configured (Lax by default),
 * Secure over TLS or when configured, limited to {@code /console}, and a session cookie (no expiry:
 * closing the browser forgets it; the server ends idle sessions itself).
 */
@Singleton
public class SessionCookies {
  /** The cookie's name. */
  public static final String NAME = "affinity_console";

  /** The cookie's path: only the console's requests carry it. */
  public static final String PATH = "/console";

  private final ConsoleProperties properties;

  public SessionCookies(ConsoleProperties properties) {
    this.properties = properties;
  }

  /** The session id {@code request} carries. */
  public Optional<String> idOf(HttpRequest<?> request) {
    return request.getCookies().findCookie(NAME).map(Cookie::getValue);
  }

  /** The cookie naming {@code session}, for a response to {@code request}. */
  public Cookie of(ConsoleSession session, HttpRequest<?> request) {
    return base(session.id(), request);
  }

  /** A cookie that makes the browser forget the session. */
  public Cookie cleared(HttpRequest<?> request) {
    return base("", request).maxAge(Duration.ZERO);
  }

  private Cookie base(String value, HttpRequest<?> request) {
    return Cookie.of(NAME, value)
        .path(PATH)
        .httpOnly(true)
        .sameSite(properties.getSameSite())
        .secure(properties.isSecureCookie() || request.isSecure());
  }
}
