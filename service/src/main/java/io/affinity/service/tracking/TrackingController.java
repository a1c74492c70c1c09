package io.affinity.service.tracking;

import io.affinity.campaigns.tracking.PreferenceCentre;
import io.affinity.campaigns.tracking.PreferenceChoice;
import io.affinity.campaigns.tracking.Preferences;
import io.affinity.campaigns.tracking.TrackingRecorder;
import io.affinity.campaigns.tracking.TrackingRecorder.Client;
import io.affinity.campaigns.tracking.TrackingRecorder.Outcome;
import io.affinity.campaigns.tracking.TrackingToken.Purpose;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Where the links in our e-mails lead. Public (mail clients carry no API key); everything they do
 * is decided by the HMAC-signed token, never by the rest of the request: a forged or altered token
 * records nothing, the pixel is still served and a click goes to the shop.
 */
@Controller("/t")
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class TrackingController {
  /** A transparent 1x1 GIF. */
  static final byte[] PIXEL =
      Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private static final MediaType GIF = MediaType.of("image/gif");
  private static final String NO_STORE = "no-store, no-cache, must-revalidate, private";
  private static final String CSP =
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none';"
          + " base-uri 'none'";

  private final TrackingRecorder recorder;
  private final PreferenceCentre centre;
  private final HttpClientAddressResolver addresses;

  public TrackingController(
      TrackingRecorder recorder, PreferenceCentre centre, HttpClientAddressResolver addresses) {
    this.recorder = recorder;
    this.centre = centre;
    this.addresses = addresses;
  }

  /** The open pixel: always a 200 GIF; a valid token records an open. */
  @Get("/o/{token}")
  public HttpResponse<byte[]> open(@PathVariable String token, HttpRequest<?> request) {
    recorder.open(token, client(request));
    return HttpResponse.ok(PIXEL).contentType(GIF).header(HttpHeaders.CACHE_CONTROL, NO_STORE);
  }

  /** A click: records it and redirects to the item's page, or the shop for a bad token. */
  @Get("/c/{token}")
  public HttpResponse<?> click(@PathVariable String token, HttpRequest<?> request) {
    String target = recorder.click(token, client(request));
    // 302, not 301: a permanent redirect is cached and the next click would not reach us.
    return HttpResponse.status(HttpStatus.FOUND)
        .header(HttpHeaders.LOCATION, URI.create(target).toASCIIString())
        .header(HttpHeaders.CACHE_CONTROL, NO_STORE);
  }

  /**
   * The unsubscribe page, a preference centre: the person's choices and the forms to change them.
   * It changes nothing (link scanners fetch every GET).
   */
  @Get(value = "/u/{token}", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> unsubscribePage(@PathVariable String token) {
    Optional<Preferences> preferences = centre.preferences(token);
    if (preferences.isEmpty()) {
      return html(HttpResponse.notFound(), TrackingPages.INVALID);
    }
    return html(HttpResponse.ok(), PreferencePage.render(preferences.get(), null));
  }

  /**
   * RFC 8058 one-click unsubscribe (a mail provider POSTs exactly {@code
   * List-Unsubscribe=One-Click}), or a choice from the preference centre's forms ({@code
   * action=all|topic|frequency|rejoin}). A bad token is a 404 page and a bad form a 400 page, and
   * neither changes anything.
   */
  @Post(value = "/u/{token}", produces = MediaType.TEXT_HTML)
  @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN})
  public HttpResponse<String> unsubscribe(
      @PathVariable String token, @Nullable @Body String body, HttpRequest<?> request) {
    if (recorder.verify(token, Purpose.UNSUBSCRIBE).isEmpty()) {
      return html(HttpResponse.notFound(), TrackingPages.INVALID);
    }
    PreferenceChoice choice;
    try {
      Map<String, String> fields = FormFields.parse(body);
      if (FormFields.isOneClick(fields)) {
        return oneClick(token, request);
      }
      choice = PreferenceChoice.parse(fields);
    } catch (IllegalArgumentException e) {
      return html(HttpResponse.badRequest(), TrackingPages.BAD_REQUEST);
    }
    PreferenceCentre.Result result = centre.apply(token, choice, client(request));
    Preferences after = result.preferences();
    return switch (result.outcome()) {
      case REJECTED -> html(HttpResponse.notFound(), TrackingPages.INVALID);
      case INVALID -> html(HttpResponse.badRequest(), TrackingPages.BAD_REQUEST);
      case PREVIEW ->
          html(
              HttpResponse.ok(),
              PreferencePage.render(after, "This is a preview link: nothing was changed."));
      case REFUSED ->
          html(
              HttpResponse.status(HttpStatus.CONFLICT),
              PreferencePage.render(
                  after, PreferencePage.message(choice, result.outcome(), after)));
      default ->
          html(
              HttpResponse.ok(),
              PreferencePage.render(
                  after, PreferencePage.message(choice, result.outcome(), after)));
    };
  }

  /**
   * RFC 8058 one-click as {@code multipart/form-data}, the encoding the RFC asks mail receivers to
   * prefer: the same rule, exactly one field {@code List-Unsubscribe=One-Click}.
   */
  @Post(value = "/u/{token}", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public HttpResponse<String> unsubscribeMultipart(
      @PathVariable String token,
      @Nullable @Body Map<String, Object> parts,
      HttpRequest<?> request) {
    if (recorder.verify(token, Purpose.UNSUBSCRIBE).isEmpty()) {
      return html(HttpResponse.notFound(), TrackingPages.INVALID);
    }
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    if (parts != null) {
      parts.forEach((k, v) -> fields.put(k, v instanceof String s ? s : null));
    }
    if (!FormFields.isOneClick(fields)) {
      return html(HttpResponse.badRequest(), TrackingPages.BAD_REQUEST);
    }
    return oneClick(token, request);
  }

  private HttpResponse<String> oneClick(String token, HttpRequest<?> request) {
    Outcome outcome = recorder.unsubscribe(token, client(request));
    return switch (outcome) {
      case REJECTED -> html(HttpResponse.notFound(), TrackingPages.INVALID);
      case PREVIEW -> html(HttpResponse.ok(), TrackingPages.PREVIEW);
      default -> html(HttpResponse.ok(), TrackingPages.DONE);
    };
  }

  /**
   * A page with headers that keep it private: not cached, not framed (clickjacking), no resource
   * from elsewhere, forms only to ourselves, and no Referer carrying the token anywhere.
   */
  private static HttpResponse<String> html(
      io.micronaut.http.MutableHttpResponse<?> response, String page) {
    return response
        .body(page)
        .contentType(MediaType.TEXT_HTML_TYPE)
        .header(HttpHeaders.CACHE_CONTROL, NO_STORE)
        .header("Content-Security-Policy", CSP)
        .header("Referrer-Policy", "no-referrer")
        .header("X-Frame-Options", "DENY")
        .header("X-Content-Type-Options", "nosniff");
  }

  private Client client(HttpRequest<?> request) {
    return new Client(request.getHeaders().get(HttpHeaders.USER_AGENT), addresses.resolve(request));
  }
}
