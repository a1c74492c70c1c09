package io.affinity.service.console.session;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.csrf.repository.CsrfTokenRepository;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Where Micronaut Security's CSRF validator finds the token a console form must carry: in the
 * session the request's cookie names (the synchronizer token pattern). A request without a live
 * session has no token, so every form it posts is refused.
 */
@Singleton
public class SessionCsrfTokenRepository implements CsrfTokenRepository<HttpRequest<?>> {
  private final ConsoleSessions sessions;
  private final SessionCookies cookies;

  public SessionCsrfTokenRepository(ConsoleSessions sessions, SessionCookies cookies) {
    this.sessions = sessions;
    this.cookies = cookies;
  }

  @Override
  public Optional<String> findCsrfToken(HttpRequest<?> request) {
    return cookies.idOf(request).flatMap(sessions::find).map(ConsoleSession::csrfToken);
  }
}
