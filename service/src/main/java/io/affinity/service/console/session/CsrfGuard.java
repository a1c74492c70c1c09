package io.affinity.service.console.session;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.csrf.validator.CsrfTokenValidator;
import io.micronaut.security.filters.SecurityFilter;
import jakarta.inject.Singleton;

/**
 * Checks the CSRF token of a posted console form with Micronaut Security's validator (the token
 * must equal its session's and carry a valid HMAC for that session). Every console handler of a
 * POST calls {@link #check} first, with the form's {@code csrfToken} field.
 *
 * <p>Why not Security's CSRF filter: in Micronaut 4.10 with Security 4.15.2 its reading of the form
 * body in the filter chain broke the request when the body arrived after the headers (a 500,
 * "newFilterContext is null", from the legacy SecurityFilter's chain), so the check happens once
 * the controller has the body.
 */
@Singleton
public class CsrfGuard {
  private final CsrfTokenValidator<HttpRequest<?>> validator;

  public CsrfGuard(CsrfTokenValidator<HttpRequest<?>> validator) {
    this.validator = validator;
  }

  /** Returns if {@code token} is this request's session's; else refuses (a 403 page). */
  public void check(HttpRequest<?> request, @Nullable String token) {
    if (token == null || token.isEmpty() || !validator.validateCsrfToken(request, token)) {
      Authentication who =
          request.getAttribute(SecurityFilter.AUTHENTICATION, Authentication.class).orElse(null);
      throw new AuthorizationException(who);
    }
  }
}
