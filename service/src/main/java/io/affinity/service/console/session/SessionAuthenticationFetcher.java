package io.affinity.service.console.session;

import io.affinity.service.console.Page;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Tells Micronaut Security who is signed in: the user of the signed-in session the request's cookie
 * names, with their role as the one role and the session's CSRF token as an attribute. (Security's
 * filter runs on {@code /console/**} only: see application.yml.)
 */
@Singleton
public class SessionAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {
  private final ConsoleSessions sessions;
  private final SessionCookies cookies;

  public SessionAuthenticationFetcher(ConsoleSessions sessions, SessionCookies cookies) {
    this.sessions = sessions;
    this.cookies = cookies;
  }

  @Override
  public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
    return cookies
        .idOf(request)
        .flatMap(sessions::find)
        .filter(ConsoleSession::signedIn)
        .map(
            s ->
                Publishers.just(
                    Authentication.build(
                        s.username(),
                        List.of(s.role().wireName()),
                        Map.of(
                            Page.CSRF_ATTRIBUTE, s.csrfToken(),
                            Page.ROLE_ATTRIBUTE, s.role().wireName()))))
        .orElseGet(Publishers::empty);
  }
}
