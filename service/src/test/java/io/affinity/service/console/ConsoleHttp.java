package io.affinity.service.console;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser, for the console's HTTP tests: the JDK's client, redirects not
 * followed (the tests assert them), the session cookie kept by hand.
 */
public final class ConsoleHttp {
  private static final Pattern CSRF = Pattern.compile("name=\"csrfToken\" value=\"([^\"]*)\"");
  private static final Pattern SESSION = Pattern.compile("affinity_console=([^;]*)");

  private final HttpClient client =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final URI base;

  /** The session cookie's value, or null. */
  public String session;

  public ConsoleHttp(URI base) {
    this.base = base;
  }

  /** GET {@code path} with the session cookie. */
  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  /** POST the form {@code fields} to {@code path} with the session cookie. */
  public HttpResponse<String> post(String path, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            // As a browser posts a form: with its origin.
            .header("Origin", base.toString().replaceAll("/$", ""))
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Opens the sign-in form and signs in; the response to the post. */
  public HttpResponse<String> signIn(String username, String password) {
    String token = csrf(get("/console/login").body());
    Map<String, String> form = new LinkedHashMap<>();
    form.put("csrfToken", token);
    form.put("username", username);
    form.put("password", password);
    return post("/console/login", form);
  }

  /** The CSRF token in a page's forms. */
  public static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no CSRF token in the page: " + html);
    }
    return m.group(1);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    if (session != null) {
      request.header("Cookie", "affinity_console=" + session);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Optional<String> cookie =
          response.headers().allValues("Set-Cookie").stream()
              .filter(c -> c.startsWith("affinity_console="))
              .findFirst();
      cookie.ifPresent(
          c -> {
            Matcher m = SESSION.matcher(c);
            m.find();
            session = m.group(1).isEmpty() ? null : m.group(1);
          });
      return response;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
