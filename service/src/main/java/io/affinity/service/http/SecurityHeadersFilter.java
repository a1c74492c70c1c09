package io.affinity.service.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Puts the browser protections on every response (API, problems, tracking pages, the API docs,
 * health, 404s): no MIME sniffing, no framing (clickjacking), no {@code Referer} leaving with our
 * URLs (tracking links carry tokens). A header a controller set itself is kept: the tracking pages
 * send a stricter policy of their own. A content security policy without {@code frame-ancestors}
 * gets it added, which only narrows it.
 *
 * <p>It runs first and so answers last: its response side sees the responses of every later filter
 * (a 401 of the API key filter) and of the error handlers.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter implements Ordered {
  static final String CSP = "Content-Security-Policy";
  static final String FRAME_ANCESTORS = "frame-ancestors 'none'";

  @ResponseFilter
  public void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
    MutableHttpHeaders headers = response.getHeaders();
    setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
    setIfAbsent(headers, "X-Frame-Options", "DENY");
    // The console's pages keep their origin on their own forms: under no-referrer a browser sends
    // "Origin: null" with a form post, which Micronaut's guard against drive-by requests to a
    // localhost server refuses (the demo runs at http://localhost).
    setIfAbsent(
        headers,
        "Referrer-Policy",
        request.getPath().startsWith("/console") ? "same-origin" : "no-referrer");
    String csp = headers.get(CSP);
    if (csp == null || csp.isBlank()) {
      headers.set(CSP, FRAME_ANCESTORS);
    } else if (!csp.contains("frame-ancestors")) {
      headers.set(CSP, csp.strip() + (csp.strip().endsWith(";") ? " " : "; ") + FRAME_ANCESTORS);
    }
  }

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE;
  }

  private static void setIfAbsent(MutableHttpHeaders headers, String name, String value) {
    if (!headers.contains(name)) {
      headers.set(name, value);
    }
  }
}
