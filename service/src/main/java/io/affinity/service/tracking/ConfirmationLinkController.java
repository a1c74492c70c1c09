package io.affinity.service.tracking;

import io.affinity.campaigns.optin.ConsentConfirmations;
import io.affinity.campaigns.optin.LinkVerdict;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The link of a double opt-in e-mail. Public (the person has no API key); what it does is decided
 * by the signed token alone. GET shows a page with a button and changes nothing, since link
 * scanners fetch every link in a message; the button POSTs, which records the grant with the
 * person's IP address and browser. A forged or altered link is a 404 page, an expired one or one
 * mailed to an address the customer no longer has a 410 page.
 */
@Controller("/t/confirm")
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class ConfirmationLinkController {
  private static final String NO_STORE = "no-store, no-cache, must-revalidate, private";

  private final ConsentConfirmations confirmations;
  private final HttpClientAddressResolver addresses;

  public ConfirmationLinkController(
      ConsentConfirmations confirmations, HttpClientAddressResolver addresses) {
    this.confirmations = confirmations;
    this.addresses = addresses;
  }

  /** The confirmation page: a button, or why the link does not work. */
  @Get(value = "/{token}", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> page(@PathVariable String token) {
    LinkVerdict verdict = confirmations.check(token);
    return verdict == LinkVerdict.VALID
        ? html(HttpStatus.OK, ConfirmationPages.ASK)
        : page(verdict);
  }

  /** The page's button: records the grant, once per link. */
  @Post(value = "/{token}", produces = MediaType.TEXT_HTML)
  @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN})
  public HttpResponse<String> confirm(@PathVariable String token, HttpRequest<?> request) {
    return page(
        confirmations.confirm(
            token, addresses.resolve(request), request.getHeaders().get(HttpHeaders.USER_AGENT)));
  }

  private static HttpResponse<String> page(LinkVerdict verdict) {
    return switch (verdict) {
      case VALID, CONFIRMED -> html(HttpStatus.OK, ConfirmationPages.DONE);
      case ALREADY_CONFIRMED -> html(HttpStatus.OK, ConfirmationPages.ALREADY);
      case NOT_APPLIED -> html(HttpStatus.CONFLICT, ConfirmationPages.NOT_APPLIED);
      case INVALID -> html(HttpStatus.NOT_FOUND, ConfirmationPages.INVALID);
      case EXPIRED -> html(HttpStatus.GONE, ConfirmationPages.EXPIRED);
      case ADDRESS_CHANGED -> html(HttpStatus.GONE, ConfirmationPages.ADDRESS_CHANGED);
    };
  }

  private static HttpResponse<String> html(HttpStatus status, String page) {
    return HttpResponse.<String>status(status)
        .body(page)
        .contentType(MediaType.TEXT_HTML_TYPE)
        .header(HttpHeaders.CACHE_CONTROL, NO_STORE);
  }
}
