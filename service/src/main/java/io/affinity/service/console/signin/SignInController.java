package io.affinity.service.console.signin;

import io.affinity.service.console.ConsoleViews;
import io.affinity.service.console.Page;
import io.affinity.service.console.session.ConsoleSession;
import io.affinity.service.console.session.ConsoleSessions;
import io.affinity.service.console.session.CsrfGuard;
import io.affinity.service.console.session.SessionCookies;
import io.affinity.service.security.ClientAddresses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The sign-in form ({@code GET /console/login}), its post, and sign-out ({@code POST
 * /console/logout}). Every post carries the session's CSRF token (checked by {@link CsrfGuard}
 * before anything else); the sign-in form gets a session of its own for it.
 */
@Hidden
@Controller("/console")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SignInController {
  private final SignIn signIn;
  private final ConsoleSessions sessions;
  private final SessionCookies cookies;
  private final ConsoleViews views;
  private final ClientAddresses clients;
  private final CsrfGuard csrf;

  public SignInController(
      SignIn signIn,
      ConsoleSessions sessions,
      SessionCookies cookies,
      ConsoleViews views,
      ClientAddresses clients,
      CsrfGuard csrf) {
    this.csrf = csrf;
    this.signIn = signIn;
    this.sessions = sessions;
    this.cookies = cookies;
    this.views = views;
    this.clients = clients;
  }

  /** The sign-in form; the overview for someone signed in already. */
  @Secured(SecurityRule.IS_ANONYMOUS)
  @Get(value = "/login", produces = MediaType.TEXT_HTML)
  public HttpResponse<?> form(HttpRequest<?> request, @Nullable Authentication authentication) {
    if (authentication != null) {
      return HttpResponse.seeOther(URI.create("/console"));
    }
    ConsoleSession session = sessions.startAnonymous();
    return loginPage(HttpStatus.OK, session, "", null).cookie(cookies.of(session, request));
  }

  /** Signs in: to the overview, or the form again with the reason. */
  @Secured(SecurityRule.IS_ANONYMOUS)
  @Post(value = "/login", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<?> signIn(HttpRequest<?> request, @Nullable @Body String body) {
    Credentials form = Credentials.parse(body);
    csrf.check(request, form.csrfToken());
    String previous = cookies.idOf(request).orElse("");
    SignInResult result =
        signIn.attempt(form.username(), form.password(), clients.of(request), previous);
    if (result.session() != null) {
      return HttpResponse.seeOther(URI.create("/console"))
          .cookie(cookies.of(result.session(), request));
    }
    Optional<ConsoleSession> formSession = sessions.find(previous);
    ConsoleSession session = formSession.orElseGet(sessions::startAnonymous);
    MutableHttpResponse<String> page =
        result.retryAfter() != null
            ? loginPage(
                HttpStatus.TOO_MANY_REQUESTS,
                session,
                form.username(),
                "Too many failed sign-ins from your address. Try again in "
                    + seconds(result.retryAfter())
                    + " seconds.")
            : loginPage(
                HttpStatus.UNAUTHORIZED, session, form.username(), "Wrong user name or password.");
    if (result.retryAfter() != null) {
      page.header("Retry-After", Long.toString(seconds(result.retryAfter())));
    }
    return page.cookie(cookies.of(session, request));
  }

  /** Signs out and shows the sign-in form. */
  @Secured(SecurityRule.IS_AUTHENTICATED)
  @Post("/logout")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<?> signOut(
      HttpRequest<?> request, Authentication authentication, @Nullable @Body String body) {
    csrf.check(request, Credentials.parse(body).csrfToken());
    signIn.signOut(cookies.idOf(request).orElse(""), authentication.getName(), clients.of(request));
    return HttpResponse.seeOther(URI.create("/console/login")).cookie(cookies.cleared(request));
  }

  private MutableHttpResponse<String> loginPage(
      HttpStatus status, ConsoleSession session, String username, @Nullable String error) {
    Map<String, Object> model = Page.of("Sign in", "", null);
    model.put("csrf", session.csrfToken());
    model.put("username", username);
    if (error != null) {
      model.put("error", error);
    }
    return views.page(status, "login", model);
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
