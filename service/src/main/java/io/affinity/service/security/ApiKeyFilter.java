package io.affinity.service.security;

import io.affinity.service.problem.ProblemType;
import io.affinity.service.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks the API key of every {@code /api} request against the scopes its endpoint requires. The
 * key comes in {@code X-API-Key}, as {@code Authorization: Bearer <key>}, or as the password of
 * {@code Authorization: Basic} (mail providers' webhooks can send nothing else). An endpoint that
 * names no scope is refused: forgetting the annotation must not open it to everyone.
 *
 * <p>Guessing is braked: a client address that sent too many wrong keys is refused with 429 and
 * {@code Retry-After} until its cool-down ends, whatever key it sends ({@link AuthFailureLimiter});
 * a key with a {@code rate-per-second} is refused the same way past that rate ({@link
 * KeyRateLimiter}).
 */
@ServerFilter("/api/**")
public class ApiKeyFilter implements Ordered {
  /**
   * The request attribute holding the name of the key that was accepted (for audit records: who
   * erased, exported or re-subscribed whom).
   */
  public static final String KEY_NAME_ATTRIBUTE = "affinity.apiKey.name";

  /** The header that carries the key. */
  public static final String HEADER = "X-API-Key";

  private final ApiKeys keys;
  private final ClientAddresses clients;
  private final AuthFailureLimiter failures;
  private final KeyRateLimiter rates;

  public ApiKeyFilter(
      ApiKeys keys, ClientAddresses clients, AuthFailureLimiter failures, KeyRateLimiter rates) {
    this.keys = keys;
    this.clients = clients;
    this.failures = failures;
    this.rates = rates;
  }

  @RequestFilter
  @Nullable
  public HttpResponse<?> check(HttpRequest<?> request) {
    Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
    if (route.isEmpty()) {
      return null; // no such endpoint: the router answers 404 or 405
    }
    String client = clients.of(request);
    Optional<Duration> coolDown = failures.coolDown(client);
    if (coolDown.isPresent()) {
      return tooMany(
          request,
          coolDown.get(),
          "Too many wrong API keys from this address: every request from it is refused until the"
              + " cool-down ends");
    }
    String presented = presentedKey(request);
    if (presented == null) {
      return unauthorized(request, "Send your API key in the " + HEADER + " header");
    }
    Optional<ApiKeys.Holder> holder = keys.find(presented);
    if (holder.isEmpty()) {
      failures.failed(client);
      return unauthorized(request, "The API key is not valid");
    }
    Optional<Duration> wait = rates.acquire(holder.get().name());
    if (wait.isPresent()) {
      return tooMany(
          request,
          wait.get(),
          "Key '" + holder.get().name() + "' is over the request rate configured for it");
    }
    Scope[] allowed =
        route.get().getAnnotationMetadata().enumValues(RequiresScope.class, Scope.class);
    if (allowed.length == 0 || !holder.get().mayUse(allowed)) {
      String needed =
          allowed.length == 0
              ? "admin"
              : Arrays.stream(allowed).map(Scope::wireName).collect(Collectors.joining(" or "));
      return Problems.of(
          ProblemType.FORBIDDEN,
          request,
          "This endpoint needs the scope "
              + needed
              + "; key '"
              + holder.get().name()
              + "' has "
              + holder.get().scopes().stream().map(Scope::wireName).sorted().toList(),
          List.of());
    }
    request.setAttribute(KEY_NAME_ATTRIBUTE, holder.get().name());
    return null;
  }

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE + 100;
  }

  private static String presentedKey(HttpRequest<?> request) {
    String key = request.getHeaders().get(HEADER);
    if (key != null && !key.isBlank()) {
      return key.trim();
    }
    String auth = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return auth.substring(7).trim();
    }
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      // The key as the password of HTTP basic auth (any user name): the one way mail providers'
      // webhooks (Amazon SNS, Mailgun) can send a secret, written into the URL as user:key@host.
      try {
        String pair =
            new String(
                java.util.Base64.getDecoder().decode(auth.substring(6).trim()),
                java.nio.charset.StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon >= 0 && colon < pair.length() - 1 ? pair.substring(colon + 1) : null;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  private static HttpResponse<?> tooMany(HttpRequest<?> request, Duration wait, String detail) {
    // Whole seconds, rounded up: a client that waits as told is not refused again.
    long seconds = Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
    return Problems.of(
            ProblemType.TOO_MANY_REQUESTS,
            request,
            detail + "; retry in " + seconds + " s",
            List.of())
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
  }

  private static HttpResponse<?> unauthorized(HttpRequest<?> request, String detail) {
    return Problems.of(ProblemType.UNAUTHORIZED, request, detail, List.of())
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
  }
}
