package io.affinity.service.tracking;

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

  private final TrackingRecorder recorder;
  private final HttpClientAddressResolver addresses;

  public TrackingController(TrackingRecorder recorder, HttpClientAddressResolver addresses) {
    this.recorder = recorder;
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
   * The unsubscribe page: asks for confirmation, changes nothing (link scanners fetch every GET).
   */
  @Get(value = "/u/{token}", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> unsubscribePage(@PathVariable String token) {
    if (recorder.verify(token, Purpose.UNSUBSCRIBE).isEmpty()) {
      return html(HttpResponse.notFound(), TrackingPages.INVALID);
    }
    return html(HttpResponse.ok(), TrackingPages.CONFIRM);
  }

  /**
   * Unsubscribes at once: RFC 8058 one-click (a mail provider POSTs {@code
   * List-Unsubscribe=One-Click}), or the confirmation page's form, which sends the same.
   */
  @Post(value = "/u/{token}", produces = MediaType.TEXT_HTML)
  @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN})
  public HttpResponse<String> unsubscribe(
      @PathVariable String token, @Nullable @Body String body, HttpRequest<?> request) {
    if (body == null || !body.contains("List-Unsubscribe=One-Click")) {
      return html(HttpResponse.badRequest(), TrackingPages.BAD_REQUEST);
    }
    Outcome outcome = recorder.unsubscribe(token, client(request));
    return switch (outcome) {
      case REJECTED -> html(HttpResponse.notFound(), TrackingPages.INVALID);
      case PREVIEW -> html(HttpResponse.ok(), TrackingPages.PREVIEW);
      default -> html(HttpResponse.ok(), TrackingPages.DONE);
    };
  }

  private static HttpResponse<String> html(
      io.micronaut.http.MutableHttpResponse<?> response, String page) {
    return response
        .body(page)
        .contentType(MediaType.TEXT_HTML_TYPE)
        .header(HttpHeaders.CACHE_CONTROL, NO_STORE);
  }

  private Client client(HttpRequest<?> request) {
    return new Client(request.getHeaders().get(HttpHeaders.USER_AGENT), addresses.resolve(request));
  }
}
