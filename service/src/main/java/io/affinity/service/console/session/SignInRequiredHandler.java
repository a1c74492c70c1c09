package io.affinity.service.console.session;

import io.affinity.service.console.ConsoleViews;
import io.affinity.service.console.Page;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Map;

/**
 * What a refused console request gets (Micronaut Security's filter runs on {@code /console/**}
 * only; {@link CsrfGuard} refuses forms). Not signed in: a page is a redirect (303) to the sign-in
 * form, a form post (no session, or a form without its CSRF token) a 403 page. Signed in but
 * refused (a role that may not, or a form without its CSRF token): a 403 page.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class SignInRequiredHandler
    implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {
  /** Where the sign-in form is. */
  public static final String SIGN_IN = "/console/login";

  private final ConsoleViews views;

  public SignInRequiredHandler(ConsoleViews views) {
    this.views = views;
  }

  @Override
  public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
    boolean signedIn = exception.getAuthentication() != null;
    if (!signedIn && request.getMethod() == HttpMethod.GET) {
      return HttpResponse.seeOther(URI.create(SIGN_IN));
    }
    Map<String, Object> model = Page.of("Not allowed", "", exception.getAuthentication());
    model.put(
        "reason",
        request.getMethod() == HttpMethod.GET
            ? "Your role may not open this page."
            : "This form was refused: it has expired or was not sent from this console."
                + " Open the page again and retry.");
    return views.page(HttpStatus.FORBIDDEN, "forbidden", model);
  }
}
